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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
        Optional<DavCards.Found> card = Optional.empty();
        if (target.kind() == Target.Kind.CARD) {
            card = cards.find(caller, target.cardName());
            if (card.isEmpty()) {
                response.sendError(404);
                return;
            }
        }
        Multistatus ms = DavServlet.multistatus(response);
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
            case CARD -> cardResponse(ms, caller, book.card(card.get().contact(), card.get().stored(), null), wanted,
                    null);
        }
        ms.end();
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

    /**
     * addressbook-multiget (RFC 6352 §8.7): the named cards, in a constant number of statements whatever their count
     * (the names stored for other cards, the sync filter, the contacts in one paged read with their account's name,
     * their stored cards, the merge bases), streamed to the client as they are rendered.
     */
    private void multiget(Caller caller, Element root, HttpServletResponse response) throws IOException {
        List<Name> wanted = DavXml.props(root);
        VCardVersion version = requestedVersion(root);
        String prefix = DavServlet.bookHref(caller.userId());
        Map<String, String> nameByHref = new LinkedHashMap<>();
        for (Element e : DavXml.children(root)) {
            if (DavXml.is(e, DavXml.DAV, "href")) {
                String href = e.getTextContent().strip();
                String path = href.replaceFirst("^https?://[^/]+", "");
                String name = path.startsWith(prefix) && path.length() > prefix.length()
                        ? DavServlet.decode(path.substring(prefix.length())) : null;
                nameByHref.putIfAbsent(href, name);
            }
        }
        DavCards.Named named = cards.resolve(caller, nameByHref.values().stream().filter(Objects::nonNull).toList());
        Multistatus ms = DavServlet.multistatus(response);
        List<Card> rendered = new ArrayList<>();
        for (Map.Entry<String, String> e : nameByHref.entrySet()) {
            DavCards.Found found = e.getValue() == null ? null : named.get(e.getValue());
            if (found == null) {
                ms.status(e.getKey(), 404, "Not Found");
                continue;
            }
            Card card = book.card(found.contact(), found.stored(), null);
            cardResponse(ms, caller, card, wanted, version);
            rendered.add(card);
        }
        ms.end();
        if (wanted != null && wanted.contains(ADDRESS_DATA)) {
            book.rememberServed(rendered);
        }
    }

    private void syncCollection(Caller caller, Element root, HttpServletResponse response) throws IOException {
        Element tokenElement = DavXml.child(root, DavXml.DAV, "sync-token");
        String token = tokenElement == null ? "" : tokenElement.getTextContent().strip();
        List<Name> wanted = DavXml.props(root);
        VCardVersion version = requestedVersion(root);
        if (token.isEmpty()) {
            String next = tokens.current(caller);
            Multistatus ms = DavServlet.multistatus(response);
            allCards(ms, caller, wanted == null ? List.of(Name.dav("getetag")) : wanted);
            ms.raw("<d:sync-token>" + DavXml.escape(next) + "</d:sync-token>").end();
            return;
        }
        SyncTokens.Changes changes;
        try {
            changes = tokens.since(caller, token);
        } catch (SyncTokens.InvalidToken e) {
            DavServlet.precondition(response, 403, Name.dav("valid-sync-token"));
            return;
        }
        List<UUID> changed = changes.removed().entrySet().stream().filter(e -> !e.getValue())
                .map(Map.Entry::getKey).toList();
        Map<UUID, Entity> inBook = book.contacts(caller, changed);
        Map<UUID, StoredCard> storedCards = stored.ofContacts(changes.removed().keySet());
        Multistatus ms = DavServlet.multistatus(response);
        List<Card> rendered = new ArrayList<>();
        for (Entity c : inBook.values()) {
            Card card = book.card(c, storedCards.get(c.id()), null);
            cardResponse(ms, caller, card, wanted, version);
            rendered.add(card);
        }
        for (UUID id : changes.removed().keySet()) {
            if (!inBook.containsKey(id)) {
                StoredCard s = storedCards.get(id);
                ms.status(DavServlet.cardHref(caller.userId(), s != null ? s.resourceName() : id + ".vcf"),
                        404, "Not Found");
            }
        }
        ms.raw("<d:sync-token>" + DavXml.escape(changes.token()) + "</d:sync-token>").end();
        if (wanted != null && wanted.contains(ADDRESS_DATA)) {
            book.rememberServed(rendered);
        }
    }

    /**
     * addressbook-query (RFC 6352 §8.6): the cards of the address book its filter matches, at most {@code nresults} of
     * them (more: a 507 response for the address book, DAV:number-of-matches-within-limits). An unsupported filter or
     * collation is refused with its precondition (403). Text matches on FN, EMAIL and TEL narrow the book in SQL first
     * ({@link CardFilter#narrowing()}: a condition on the contact's columns, read a page at a time through the
     * pipeline, plus the contacts whose stored card holds one of the texts); the cards read are then matched exactly.
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
        CardFilter.Narrowing narrowing = filter.narrowing();
        Filter read = narrowing == null ? inBook : Filter.and(inBook, narrowing.columns());
        Multistatus ms = DavServlet.multistatus(response);
        List<Card> matched = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        boolean truncated = false;
        pages:
        for (int page = 1; ; page++) {
            EntityCollection found = book.page(caller, read, page, AddressBook.PAGE);
            List<Entity> contacts = found.entities();
            if (narrowing != null && !found.moreRecords()) {
                // last, the contacts whose stored card (with the properties Rapport keeps) may hold the text
                List<UUID> kept = stored.containing(narrowing.texts()).stream()
                        .filter(id -> !seen.contains(id)).toList();
                contacts = new ArrayList<>(contacts);
                contacts.addAll(book.contacts(caller, inBook, kept).values());
            }
            Map<UUID, StoredCard> storedCards = stored.ofContacts(contacts.stream().map(Entity::id).toList());
            for (Entity c : contacts) {
                if (!seen.add(c.id())) {
                    continue;
                }
                Card card = book.card(c, storedCards.get(c.id()), null);
                if (filter.matches(card.text())) {
                    if (limit != null && matched.size() == limit) {
                        truncated = true;
                        break pages;
                    }
                    cardResponse(ms, caller, card, wanted, version);
                    matched.add(card);
                }
            }
            if (!found.moreRecords()) {
                break;
            }
        }
        if (truncated) {
            ms.raw("<d:response><d:href>" + DavXml.escape(DavServlet.bookHref(caller.userId())) + "</d:href>"
                    + "<d:status>HTTP/1.1 507 Insufficient Storage</d:status><d:error>"
                    + "<d:number-of-matches-within-limits/></d:error></d:response>");
        }
        ms.end();
        if (wanted != null && wanted.contains(ADDRESS_DATA)) {
            book.rememberServed(matched);
        }
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
                Card card = book.card(c, storedCards.get(c.id()), null);
                cardResponse(ms, caller, card, wanted, null);
                rendered.add(card);
            }
            if (data) {
                book.rememberServed(rendered);
            }
            if (!found.moreRecords()) {
                return;
            }
        }
    }

    private void cardResponse(Multistatus ms, Caller caller, Card c, List<Name> wanted, VCardVersion version) {
        respond(ms, DavServlet.cardHref(caller.userId(), c.resourceName()), wanted == null ? CARD_ALLPROP : wanted,
                n -> cardProperty(c, n, version));
    }

    /** One resource's response: the properties it has (XML, null when it has none) and those it has not. */
    private static void respond(Multistatus ms, String href, List<Name> names, Function<Name, String> property) {
        List<String> found = new ArrayList<>(names.size());
        List<Name> missing = new ArrayList<>();
        for (Name n : names) {
            String value = property.apply(n);
            if (value == null) {
                missing.add(n);
            } else {
                found.add(value);
            }
        }
        ms.response(href, found, missing);
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
        respond(ms, href, wanted != null ? wanted : List.of(Name.dav("resourcetype"), Name.dav("displayname"),
                Name.dav("current-user-principal")), n -> collectionProperty(caller, kind, n));
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
