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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        List<StoredCard> named = cards.byResourceName(name);
        if (!named.isEmpty()) {
            Map<UUID, Entity> inBook = book.contacts(caller, named.stream().map(StoredCard::contactId).toList());
            for (StoredCard s : named) {
                if (inBook.containsKey(s.contactId())) {
                    return Optional.of(new Found(inBook.get(s.contactId()), s));
                }
            }
        }
        UUID id = idOf(name);
        if (id == null) {
            return Optional.empty();
        }
        Optional<StoredCard> stored = cards.ofContact(id);
        if (stored.isPresent() && !stored.get().resourceName().equals(name)) {
            return Optional.empty(); // the contact's card has another name
        }
        StoredCard s = stored.orElse(null);
        return book.contact(caller, id).map(c -> new Found(c, s));
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
