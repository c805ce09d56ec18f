package io.rapport.contactsync.internal;

import ezvcard.VCardVersion;
import io.rapport.contactsync.internal.AddressBook.Card;
import io.rapport.contactsync.internal.CardRepository.StoredCard;
import io.rapport.contactsync.internal.DavServlet.Target;
import io.rapport.contactsync.internal.DavXml.Multistatus;
import io.rapport.contactsync.internal.DavXml.Name;
import io.rapport.pipeline.Caller;
import io.rapport.query.Filter;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * PROPFIND (depth 0 and 1; infinity is taken as 1) on the principal, the home and the address book, and the
 * address book's REPORTs: {@code addressbook-multiget} and {@code addressbook-query} (RFC 6352) and
 * {@code sync-collection} (RFC 6578).
 */
@Component
class DavCollections {

    private static final List<Name> CARD_ALLPROP = List.of(Name.dav("getetag"), Name.dav("getcontenttype"),
            Name.dav("resourcetype"));
    private static final Name ADDRESS_DATA = Name.card("address-data");

    private final AddressBook book;
    private final DavCards cards;
    private final CardRepository stored;
    private final SyncTokens tokens;

    DavCollections(AddressBook book, DavCards cards, CardRepository stored, SyncTokens tokens) {
        this.book = book;
        this.cards = cards;
        this.stored = stored;
        this.tokens = tokens;
    }

    void propfind(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Document body = DavXml.parse(DavServlet.body(request, 1 << 16));
        List<Name> wanted = null;
        if (body != null) {
            Element root = body.getDocumentElement();
            if (!DavXml.is(root, DavXml.DAV, "propfind")) {
                throw new DavXml.BadRequest("A PROPFIND body is a DAV:propfind element.");
            }
            wanted = DavXml.props(root);
        }
        boolean children = !"0".equals(request.getHeader("Depth"));
        Multistatus ms = new Multistatus();
        switch (target.kind()) {
            case ROOT -> {
                collection(ms, caller, "/dav/", Target.Kind.ROOT, wanted);
            }
            case PRINCIPAL -> collection(ms, caller, DavServlet.principalHref(caller.userId()), Target.Kind.PRINCIPAL,
                    wanted);
            case HOME -> {
                collection(ms, caller, DavServlet.homeHref(caller.userId()), Target.Kind.HOME, wanted);
                if (children) {
                    collection(ms, caller, DavServlet.bookHref(caller.userId()), Target.Kind.BOOK, wanted);
                }
            }
            case BOOK -> {
                collection(ms, caller, DavServlet.bookHref(caller.userId()), Target.Kind.BOOK, wanted);
                if (children) {
                    allCards(ms, caller, wanted);
                }
            }
            case CARD -> {
                var found = cards.find(caller, target.cardName());
                if (found.isEmpty()) {
                    response.sendError(404);
                    return;
                }
                List<Card> one = List.of(book.card(found.get().contact(), found.get().stored(), null));
                cardResponses(ms, caller, one, wanted, null);
            }
        }
        DavServlet.xml(response, 207, ms.end());
    }

    void report(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Document body = DavXml.parse(DavServlet.body(request, 1 << 20));
        if (body == null) {
            throw new DavXml.BadRequest("A REPORT needs a body.");
        }
        Element root = body.getDocumentElement();
        if (target.kind() != Target.Kind.BOOK) {
            DavServlet.precondition(response, 403, Name.dav("supported-report"));
            return;
        }
        if (DavXml.is(root, DavXml.CARDDAV, "addressbook-multiget")) {
            multiget(caller, root, response);
        } else if (DavXml.is(root, DavXml.DAV, "sync-collection")) {
            syncCollection(caller, root, response);
        } else if (DavXml.is(root, DavXml.CARDDAV, "addressbook-query")) {
            query(caller, root, response);
        } else {
            DavServlet.precondition(response, 403, Name.dav("supported-report"));
        }
    }

    private void multiget(Caller caller, Element root, HttpServletResponse response) throws IOException {
        List<Name> wanted = DavXml.props(root);
        VCardVersion version = requestedVersion(root);
        String prefix = DavServlet.bookHref(caller.userId());
        Map<String, UUID> byHref = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Element e : DavXml.children(root)) {
            if (DavXml.is(e, DavXml.DAV, "href")) {
                String href = e.getTextContent().strip();
                byHref.put(href, null);
                String path = href.replaceFirst("^https?://[^/]+", "");
                if (path.startsWith(prefix)) {
                    names.add(java.net.URLDecoder.decode(path.substring(prefix.length()).replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        Map<String, List<UUID>> storedNames = stored.byResourceNames(names);
        List<UUID> candidates = storedNames.values().stream().flatMap(List::stream).toList();
        Map<UUID, Entity> namedInBook = book.contacts(caller, candidates);
        Map<UUID, StoredCard> storedCards = stored.ofContacts(namedInBook.keySet());
        Map<String, UUID> idsByName = new LinkedHashMap<>();
        for (String n : names) {
            UUID id = storedNames.getOrDefault(n, List.of()).stream().filter(namedInBook::containsKey).findFirst()
                    .orElse(null);
            if (id == null) {
                id = DavCards.idOf(n);
                if (id != null && stored.ofContact(id).filter(s -> !s.resourceName().equals(n)).isPresent()) {
                    id = null;
                }
            }
            if (id != null) {
                idsByName.put(n, id);
            }
        }
        Map<UUID, Entity> contacts = book.contacts(caller, idsByName.values());
        Multistatus ms = new Multistatus();
        List<Entity> inBook = new ArrayList<>();
        for (Map.Entry<String, UUID> e : idsByName.entrySet()) {
            if (contacts.containsKey(e.getValue())) {
                inBook.add(contacts.get(e.getValue()));
            }
        }
        List<Card> rendered = new ArrayList<>();
        Map<UUID, StoredCard> all = new LinkedHashMap<>(storedCards);
        all.putAll(stored.ofContacts(inBook.stream().map(Entity::id).toList()));
        for (Entity c : inBook) {
            rendered.add(book.card(c, all.get(c.id()), null));
        }
        cardResponses(ms, caller, rendered, wanted, version);
        java.util.Set<String> answered = new java.util.HashSet<>();
        rendered.forEach(c -> answered.add(DavServlet.cardHref(caller.userId(), c.resourceName())));
        for (String href : byHref.keySet()) {
            String path = href.replaceFirst("^https?://[^/]+", "");
            boolean done = answered.stream().anyMatch(a -> a.equals(path)
                    || java.net.URLDecoder.decode(a, java.nio.charset.StandardCharsets.UTF_8)
                            .equals(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8)));
            if (!done) {
                ms.status(href, 404, "Not Found");
            }
        }
        if (wanted != null && wanted.contains(ADDRESS_DATA)) {
            book.rememberServed(rendered);
        }
        DavServlet.xml(response, 207, ms.end());
    }

    private void syncCollection(Caller caller, Element root, HttpServletResponse response) throws IOException {
        Element tokenElement = DavXml.child(root, DavXml.DAV, "sync-token");
        String token = tokenElement == null ? "" : tokenElement.getTextContent().strip();
        List<Name> wanted = DavXml.props(root);
        VCardVersion version = requestedVersion(root);
        Multistatus ms = new Multistatus();
        String next;
        try {
            if (token.isEmpty()) {
                next = tokens.current(caller);
                allCards(ms, caller, wanted == null ? List.of(Name.dav("getetag")) : wanted);
            } else {
                SyncTokens.Changes changes = tokens.since(caller, token);
                next = changes.token();
                List<UUID> changed = changes.removed().entrySet().stream().filter(e -> !e.getValue())
                        .map(Map.Entry::getKey).toList();
                Map<UUID, Entity> inBook = book.contacts(caller, changed);
                Map<UUID, StoredCard> storedCards = stored.ofContacts(changes.removed().keySet());
                List<Card> rendered = new ArrayList<>();
                for (Entity c : inBook.values()) {
                    rendered.add(book.card(c, storedCards.get(c.id()), null));
                }
                cardResponses(ms, caller, rendered, wanted, version);
                for (UUID id : changes.removed().keySet()) {
                    if (!inBook.containsKey(id)) {
                        StoredCard s = storedCards.get(id);
                        ms.status(DavServlet.cardHref(caller.userId(), s != null ? s.resourceName() : id + ".vcf"),
                                404, "Not Found");
                    }
                }
                if (wanted != null && wanted.contains(ADDRESS_DATA)) {
                    book.rememberServed(rendered);
                }
            }
        } catch (SyncTokens.InvalidToken e) {
            DavServlet.precondition(response, 403, Name.dav("valid-sync-token"));
            return;
        }
        ms.raw("<d:sync-token>" + DavXml.escape(next) + "</d:sync-token>");
        DavServlet.xml(response, 207, ms.end());
    }

    /**
     * addressbook-query (RFC 6352 §8.6): the cards of the address book its filter matches, at most {@code nresults} of
     * them (more: a 507 response for the address book, DAV:number-of-matches-within-limits). An unsupported filter or
     * collation is refused with its precondition (403).
     */
    private void query(Caller caller, Element root, HttpServletResponse response) throws IOException {
        CardFilter filter;
        try {
            filter = CardFilter.parse(DavXml.child(root, DavXml.CARDDAV, "filter"));
        } catch (CardFilter.Unsupported e) {
            DavServlet.precondition(response, 403, e.condition);
            return;
        }
        Integer limit = limit(root);
        List<Name> wanted = DavXml.props(root);
        VCardVersion version = requestedVersion(root);
        Filter inBook = book.filter(caller);
        List<Card> matched = new ArrayList<>();
        boolean truncated = false;
        pages:
        for (int page = 1; ; page++) {
            EntityCollection found = book.page(caller, inBook, page, AddressBook.PAGE);
            Map<UUID, StoredCard> storedCards = stored.ofContacts(found.entities().stream().map(Entity::id).toList());
            for (Entity c : found.entities()) {
                Card card = book.card(c, storedCards.get(c.id()), null);
                if (filter.matches(card.text())) {
                    if (limit != null && matched.size() == limit) {
                        truncated = true;
                        break pages;
                    }
                    matched.add(card);
                }
            }
            if (!found.moreRecords()) {
                break;
            }
        }
        Multistatus ms = new Multistatus();
        cardResponses(ms, caller, matched, wanted, version);
        if (truncated) {
            ms.raw("<d:response><d:href>" + DavXml.escape(DavServlet.bookHref(caller.userId())) + "</d:href>"
                    + "<d:status>HTTP/1.1 507 Insufficient Storage</d:status><d:error>"
                    + "<d:number-of-matches-within-limits/></d:error></d:response>");
        }
        if (wanted != null && wanted.contains(ADDRESS_DATA)) {
            book.rememberServed(matched);
        }
        DavServlet.xml(response, 207, ms.end());
    }

    /** The {@code CARDDAV:limit}'s {@code nresults}, or null without one. */
    private static Integer limit(Element root) {
        Element limit = DavXml.child(root, DavXml.CARDDAV, "limit");
        Element n = limit == null ? null : DavXml.child(limit, DavXml.CARDDAV, "nresults");
        if (limit == null) {
            return null;
        }
        try {
            int value = n == null ? -1 : Integer.parseInt(n.getTextContent().strip());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DavXml.BadRequest("A limit's nresults is a positive whole number.");
        }
    }

    /** Every card of the address book, a page at a time. */
    private void allCards(Multistatus ms, Caller caller, List<Name> wanted) {
        Filter filter = book.filter(caller);
        boolean data = wanted != null && wanted.contains(ADDRESS_DATA);
        for (int page = 1; ; page++) {
            EntityCollection found = book.page(caller, filter, page, AddressBook.PAGE);
            Map<UUID, StoredCard> storedCards = stored.ofContacts(found.entities().stream().map(Entity::id).toList());
            List<Card> rendered = new ArrayList<>();
            for (Entity c : found.entities()) {
                rendered.add(book.card(c, storedCards.get(c.id()), null));
            }
            cardResponses(ms, caller, rendered, wanted, null);
            if (data) {
                book.rememberServed(rendered);
            }
            if (!found.moreRecords()) {
                return;
            }
        }
    }

    private void cardResponses(Multistatus ms, Caller caller, List<Card> rendered, List<Name> wanted,
            VCardVersion version) {
        List<Name> names = wanted == null ? CARD_ALLPROP : wanted;
        for (Card c : rendered) {
            List<String> found = new ArrayList<>();
            List<Name> missing = new ArrayList<>();
            for (Name n : names) {
                String value = cardProperty(c, n, version);
                if (value == null) {
                    missing.add(n);
                } else {
                    found.add(value);
                }
            }
            ms.response(DavServlet.cardHref(caller.userId(), c.resourceName()), found, missing);
        }
    }

    private static String cardProperty(Card c, Name n, VCardVersion version) {
        if (n.equals(Name.dav("getetag"))) {
            return DavXml.element(n, DavXml.escape(c.etag()));
        }
        if (n.equals(Name.dav("getcontenttype"))) {
            return DavXml.element(n, "text/vcard; charset=utf-8");
        }
        if (n.equals(Name.dav("resourcetype"))) {
            return DavXml.empty(n);
        }
        if (n.equals(ADDRESS_DATA)) {
            String text = version == null ? c.text() : AddressBook.write(c.vcard(), version);
            return DavXml.element(n, DavXml.escape(text));
        }
        return null;
    }

    private void collection(Multistatus ms, Caller caller, String href, Target.Kind kind, List<Name> wanted) {
        List<Name> names = wanted != null ? wanted : List.of(Name.dav("resourcetype"), Name.dav("displayname"),
                Name.dav("current-user-principal"));
        List<String> found = new ArrayList<>();
        List<Name> missing = new ArrayList<>();
        for (Name n : names) {
            String value = collectionProperty(caller, kind, n);
            if (value == null) {
                missing.add(n);
            } else {
                found.add(value);
            }
        }
        ms.response(href, found, missing);
    }

    private String collectionProperty(Caller caller, Target.Kind kind, Name n) {
        String principal = "<d:href>" + DavServlet.principalHref(caller.userId()) + "</d:href>";
        if (n.equals(Name.dav("current-user-principal"))) {
            return DavXml.element(n, principal);
        }
        if (n.equals(Name.dav("principal-URL")) && kind == Target.Kind.PRINCIPAL) {
            return DavXml.element(n, principal);
        }
        if (n.equals(Name.dav("owner")) && kind != Target.Kind.ROOT) {
            return DavXml.element(n, principal);
        }
        if (n.equals(Name.card("addressbook-home-set")) && (kind == Target.Kind.PRINCIPAL || kind == Target.Kind.ROOT)) {
            return DavXml.element(n, "<d:href>" + DavServlet.homeHref(caller.userId()) + "</d:href>");
        }
        if (n.equals(Name.dav("resourcetype"))) {
            return DavXml.element(n, switch (kind) {
                case PRINCIPAL -> "<d:collection/><d:principal/>";
                case BOOK -> "<d:collection/><card:addressbook/>";
                default -> "<d:collection/>";
            });
        }
        if (n.equals(Name.dav("displayname"))) {
            String name = kind == Target.Kind.BOOK ? "Rapport" : kind == Target.Kind.PRINCIPAL ? caller.name()
                    : null;
            return name == null ? null : DavXml.element(n, DavXml.escape(name));
        }
        if (kind != Target.Kind.BOOK) {
            return null;
        }
        if (n.equals(Name.dav("sync-token"))) {
            return DavXml.element(n, DavXml.escape(tokens.current(caller)));
        }
        if (n.equals(new Name(DavXml.CS, "getctag"))) {
            return DavXml.element(n, DavXml.escape(tokens.current(caller)));
        }
        if (n.equals(Name.dav("supported-report-set"))) {
            return DavXml.element(n, "<d:supported-report><d:report><card:addressbook-multiget/></d:report>"
                    + "</d:supported-report><d:supported-report><d:report><card:addressbook-query/></d:report>"
                    + "</d:supported-report><d:supported-report><d:report><d:sync-collection/></d:report>"
                    + "</d:supported-report>");
        }
        if (n.equals(Name.card("supported-address-data"))) {
            return DavXml.element(n, "<card:address-data-type content-type=\"text/vcard\" version=\"3.0\"/>"
                    + "<card:address-data-type content-type=\"text/vcard\" version=\"4.0\"/>");
        }
        if (n.equals(Name.card("max-resource-size"))) {
            return DavXml.element(n, Integer.toString(DavServlet.MAX_CARD_BYTES));
        }
        if (n.equals(Name.dav("current-user-privilege-set"))) {
            return DavXml.element(n, "<d:privilege><d:read/></d:privilege><d:privilege><d:write/></d:privilege>"
                    + "<d:privilege><d:write-content/></d:privilege><d:privilege><d:bind/></d:privilege>"
                    + "<d:privilege><d:unbind/></d:privilege>");
        }
        return null;
    }

    private static VCardVersion requestedVersion(Element root) {
        Element prop = DavXml.child(root, DavXml.DAV, "prop");
        Element data = prop == null ? null : DavXml.child(prop, DavXml.CARDDAV, "address-data");
        return data == null ? null : DavServlet.version(data.getAttribute("version"));
    }
}
