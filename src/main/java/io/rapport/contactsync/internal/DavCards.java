package io.rapport.contactsync.internal;

import ezvcard.VCard;
import io.rapport.contactsync.internal.AddressBook.Card;
import io.rapport.contactsync.internal.CardRepository.StoredCard;
import io.rapport.contactsync.internal.DavServlet.Target;
import io.rapport.contactsync.internal.DavXml.Name;
import io.rapport.pipeline.Caller;
import io.rapport.record.Entity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * GET, PUT and DELETE of one card. Writes honour {@code If-Match} (412 when the card changed since the client's ETag)
 * and {@code If-None-Match: *} (412 when the name is taken). No ETag is returned for a PUT: the stored card is the
 * client's merged with Rapport's values, not the bytes sent (RFC 7231 4.3.4), so the client reads it back.
 */
@Component
class DavCards {

    /** A card of the address book with what is stored for it. */
    record Found(Entity contact, StoredCard stored) {
    }

    private final AddressBook book;
    private final CardRepository cards;
    private final CardWrites writes;

    DavCards(AddressBook book, CardRepository cards, CardWrites writes) {
        this.book = book;
        this.cards = cards;
        this.writes = writes;
    }

    void get(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response, boolean head)
            throws IOException {
        if (target.kind() != Target.Kind.CARD) {
            DavServlet.text(response, 200, "Rapport CardDAV");
            return;
        }
        Optional<Found> found = find(caller, target.cardName());
        if (found.isEmpty()) {
            response.sendError(404);
            return;
        }
        Card card = book.card(found.get().contact(), found.get().stored(), null);
        book.rememberServed(List.of(card));
        response.setStatus(200);
        response.setHeader("ETag", card.etag());
        response.setContentType("text/vcard;charset=utf-8");
        byte[] bytes = card.text().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        if (!head) {
            response.getOutputStream().write(bytes);
        }
    }

    void put(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (target.kind() != Target.Kind.CARD) {
            response.sendError(405);
            return;
        }
        String text = new String(DavServlet.body(request, DavServlet.MAX_CARD_BYTES), StandardCharsets.UTF_8);
        VCard incoming = AddressBook.parse(text);
        if (incoming == null || incoming.getVersion() == null) {
            DavServlet.precondition(response, 403, Name.card("valid-address-data"));
            return;
        }
        Optional<Found> found = find(caller, target.cardName());
        String ifMatch = request.getHeader("If-Match");
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (found.isPresent() && "*".equals(ifNoneMatch == null ? null : ifNoneMatch.strip())) {
            response.sendError(412);
            return;
        }
        if (ifMatch != null) {
            String current = found.map(f -> book.card(f.contact(), f.stored(), null).etag()).orElse(null);
            if (current == null || !matches(ifMatch, current)) {
                response.sendError(412);
                return;
            }
        }
        if (found.isPresent()) {
            writes.update(caller, found.get().contact(), found.get().stored(), incoming);
            response.setStatus(204);
        } else {
            if (VCardText.parseAll(text).size() != 1) {
                DavServlet.precondition(response, 403, Name.card("valid-address-data"));
                return;
            }
            writes.create(caller, target.cardName(), incoming, text);
            response.setStatus(201);
        }
    }

    void delete(Caller caller, Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (target.kind() != Target.Kind.CARD) {
            response.sendError(403);
            return;
        }
        Optional<Found> found = find(caller, target.cardName());
        if (found.isEmpty()) {
            response.sendError(404);
            return;
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !matches(ifMatch, book.card(found.get().contact(), found.get().stored(), null).etag())) {
            response.sendError(412);
            return;
        }
        writes.delete(caller, found.get().contact());
        response.setStatus(204);
    }

    /** The card of the address book with this resource name. */
    Optional<Found> find(Caller caller, String name) {
        return Optional.ofNullable(resolve(caller, List.of(name)).get(name));
    }

    /** Cards of the address book found by name, with their contacts and stored cards. */
    record Named(Map<String, UUID> ids, Map<UUID, Entity> contacts, Map<UUID, StoredCard> stored) {
        /** The card of the name, or null when the address book has none. */
        Found get(String name) {
            UUID id = ids.get(name);
            return id == null ? null : new Found(contacts.get(id), stored.get(id));
        }
    }

    /**
     * The cards of the address book these names stand for, in a constant number of statements whatever their
     * count: a name is the card stored under it (in the caller's book), else the contact whose id it is
     * ({@code <id>.vcf}) unless that contact's card is stored under another name.
     */
    Named resolve(Caller caller, Collection<String> names) {
        Map<String, List<UUID>> storedNames = cards.byResourceNames(new LinkedHashSet<>(names));
        Set<UUID> candidates = new LinkedHashSet<>();
        for (String n : names) {
            candidates.addAll(storedNames.getOrDefault(n, List.of()));
            UUID id = idOf(n);
            if (id != null) {
                candidates.add(id);
            }
        }
        Map<UUID, Entity> inBook = book.contacts(caller, candidates);
        Map<UUID, StoredCard> stored = cards.ofContacts(inBook.keySet());
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (String n : names) {
            UUID id = storedNames.getOrDefault(n, List.of()).stream().filter(inBook::containsKey).findFirst()
                    .orElse(null);
            if (id == null) {
                id = idOf(n);
                StoredCard s = id == null ? null : stored.get(id);
                if (id != null && (!inBook.containsKey(id) || s != null && !s.resourceName().equals(n))) {
                    id = null; // not in the book, or its card has another name
                }
            }
            if (id != null) {
                ids.put(n, id);
            }
        }
        return new Named(ids, inBook, stored);
    }

    static UUID idOf(String name) {
        if (!name.endsWith(".vcf")) {
            return null;
        }
        try {
            return UUID.fromString(name.substring(0, name.length() - 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean matches(String header, String etag) {
        String h = header.strip();
        if ("*".equals(h)) {
            return true;
        }
        return Arrays.stream(h.split(",")).map(String::strip).map(t -> t.startsWith("W/") ? null : t)
                .anyMatch(etag::equals);
    }
}
