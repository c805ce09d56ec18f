package io.rapport.contactsync.internal;

import ezvcard.VCard;
import io.rapport.contactsync.internal.AddressBook.Card;
import io.rapport.contactsync.internal.CardRepository.StoredCard;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Cards written by a client, as messages of the pipeline run as the person (validation, security, audit): a new card
 * creates a contact they own, a changed card updates its contact, a deleted card deactivates or deletes it. Each runs
 * in one transaction with the card kept as the contact's base.
 *
 * <p>A changed card is merged field by field against its base: of the cards this contact's clients saw (served or
 * sent, {@link BaseRepository}), the one closest to what the client sends. A field the client changed from the base
 * takes the client's value, any other keeps the contact's current value, which Rapport may have changed meanwhile.
 * So a card edited on both sides loses neither side's fields (when both changed the same field, the client's wins).
 */
@Component
@EnableConfigurationProperties(CardDavProperties.class)
class CardWrites {

    private final OrganizationService organization;
    private final AddressBook book;
    private final CardRepository cards;
    private final BaseRepository bases;
    private final CardDavProperties properties;
    private final Clock clock;

    CardWrites(OrganizationService organization, AddressBook book, CardRepository cards, BaseRepository bases,
            CardDavProperties properties, Clock clock) {
        this.organization = organization;
        this.book = book;
        this.cards = cards;
        this.bases = bases;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates a contact owned by the caller from a new card stored under the resource name. */
    UUID create(Caller caller, String resourceName, VCard incoming, String incomingText) {
        OrganizationService org = organization.as(caller);
        return org.inTransaction(() -> {
            Entity contact = new Entity("contact");
            CardMapping.fields(incoming).forEach((a, v) -> {
                if (v != null) {
                    contact.set(a, v);
                }
            });
            contact.set("ownerid", new EntityReference("systemuser", caller.userId()));
            UUID id = org.create(contact);
            Entity created = book.contact(caller, id).orElse(null);
            long version = created == null ? 0 : AddressBook.versionOf(created);
            cards.save(List.of(new StoredCard(id, resourceName, incomingText, version)), clock.instant());
            bases.add(List.of(new BaseRepository.Base(id, AddressBook.etag(incomingText), incomingText)),
                    clock.instant());
            return id;
        });
    }

    /** Updates the contact of a changed card (merged against the base) and keeps the merged card as the new base. */
    void update(Caller caller, Entity contact, StoredCard stored, VCard incoming) {
        OrganizationService org = organization.as(caller);
        org.inTransaction(() -> {
            Map<String, Object> theirs = CardMapping.fields(incoming);
            VCard base = closest(bases.of(contact.id()), theirs);
            if (base == null && stored != null) {
                base = AddressBook.parse(stored.card());
            }
            Map<String, Object> before = base == null ? null : CardMapping.fields(base);
            Map<String, Object> current = CardMapping.fields(contact);
            Entity change = new Entity("contact", contact.id());
            for (String a : CardMapping.ATTRIBUTES) {
                Object wanted = before == null || !Objects.equals(theirs.get(a), before.get(a)) ? theirs.get(a)
                        : current.get(a);
                if (!Objects.equals(wanted, current.get(a))) {
                    change.set(a, wanted);
                }
            }
            if (!change.attributes().isEmpty()) {
                org.execute(new UpdateRequest(change, AddressBook.versionOf(contact)));
            }
            Entity updated = book.contact(caller, contact.id()).orElse(contact);
            String name = stored != null ? stored.resourceName() : contact.id() + ".vcf";
            // the client's card (with what Rapport keeps nowhere else) holding the merged values
            Card merged = book.card(updated, new StoredCard(contact.id(), name,
                    AddressBook.write(incoming, incoming.getVersion()), 0), null);
            cards.save(List.of(new StoredCard(contact.id(), name, merged.text(), AddressBook.versionOf(updated))),
                    clock.instant());
            String sent = AddressBook.write(incoming, incoming.getVersion());
            bases.add(List.of(new BaseRepository.Base(contact.id(), AddressBook.etag(sent), sent)), clock.instant());
            bases.prune(contact.id(), clock.instant());
            return null;
        });
    }

    /**
     * The card the client most likely edited: of the cards it saw, the one whose mapped fields differ least from
     * what it sends (the newest of equals).
     */
    static VCard closest(List<String> candidates, Map<String, Object> theirs) {
        VCard best = null;
        int fewest = Integer.MAX_VALUE;
        for (String text : candidates) {
            VCard card = AddressBook.parse(text);
            if (card == null) {
                continue;
            }
            Map<String, Object> f = CardMapping.fields(card);
            int differences = (int) CardMapping.ATTRIBUTES.stream().filter(a -> !Objects.equals(f.get(a),
                    theirs.get(a))).count();
            if (differences < fewest) {
                best = card;
                fewest = differences;
            }
        }
        return best;
    }

    /** Deactivates (the default) or deletes the contact of a deleted card, as the administrator chose. */
    void delete(Caller caller, Entity contact) {
        OrganizationService org = organization.as(caller);
        org.inTransaction(() -> {
            if (properties.deleteAction() == CardDavProperties.DeleteAction.DELETE) {
                org.delete("contact", contact.id());
                cards.delete(contact.id());
                bases.delete(contact.id());
            } else {
                org.execute(new SetStateRequest(new EntityReference("contact", contact.id()), 1, 2));
            }
            return null;
        });
    }
}
