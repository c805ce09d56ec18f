package io.rapport.contactsync.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The last card exchanged per contact ({@code sys_dav_card}): its text, its name in the address book and the
 * contact's version when it was stored. Only ids of contacts the caller already read through the pipeline are looked
 * up here, or a resource name that then leads to such a read.
 */
@Repository
class CardRepository {

    private static final Table<Record> CARDS = table(name("sys_dav_card"));
    private static final Field<UUID> CONTACT = field(name("contactid"), UUID.class);
    private static final Field<String> RESOURCE = field(name("resourcename"), String.class);
    private static final Field<String> CARD = field(name("card"), String.class);
    private static final Field<Long> VERSION = field(name("contactversion"), Long.class);
    private static final Field<LocalDateTime> MODIFIED = field(name("modifiedon"), LocalDateTime.class);
    private static final int CHUNK = 1000;

    /** A stored card. */
    record StoredCard(UUID contactId, String resourceName, String card, long contactVersion) {
    }

    private final DSLContext dsl;

    CardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The contacts stored under these resource names (in anyone's address book). */
    Map<String, List<UUID>> byResourceNames(Collection<String> names) {
        Map<String, List<UUID>> found = new HashMap<>();
        List<String> all = new ArrayList<>(names);
        for (int i = 0; i < all.size(); i += CHUNK) {
            dsl.select(RESOURCE, CONTACT).from(CARDS).where(RESOURCE.in(all.subList(i, Math.min(all.size(), i + CHUNK))))
                    .forEach(r -> found.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return found;
    }

    Map<UUID, StoredCard> ofContacts(Collection<UUID> ids) {
        Map<UUID, StoredCard> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            dsl.select(CONTACT, RESOURCE, CARD, VERSION).from(CARDS)
                    .where(CONTACT.in(all.subList(i, Math.min(all.size(), i + CHUNK))))
                    .forEach(r -> found.put(r.value1(), card(r)));
        }
        return found;
    }

    /**
     * The contacts (in anyone's address book) whose stored card holds one of the texts, case-insensitively and with
     * its lines unfolded; every contact with a stored card when {@code texts} is null. The caller then reads them
     * through its address book.
     */
    List<UUID> containing(List<String> texts) {
        if (texts != null && texts.isEmpty()) {
            return List.of();
        }
        Field<String> unfolded = DSL.replace(DSL.replace(DSL.replace(CARD, DSL.val("\r"), DSL.val("")),
                DSL.val("\n "), DSL.val("")), DSL.val("\n\t"), DSL.val(""));
        org.jooq.Condition any = texts == null ? DSL.trueCondition()
                : DSL.or(texts.stream().map(unfolded::containsIgnoreCase).toList());
        return dsl.select(CONTACT).from(CARDS).where(any).fetch(CONTACT);
    }

    /** Resource names of these contacts that are not {@code <id>.vcf}. */
    Map<UUID, String> resourceNames(Collection<UUID> ids) {
        Map<UUID, String> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            dsl.select(CONTACT, RESOURCE).from(CARDS)
                    .where(CONTACT.in(all.subList(i, Math.min(all.size(), i + CHUNK))))
                    .forEach(r -> found.put(r.value1(), r.value2()));
        }
        return found;
    }

    /** Stores the cards, replacing what was stored for their contacts. */
    void save(List<StoredCard> cards, Instant now) {
        if (cards.isEmpty()) {
            return;
        }
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        for (int i = 0; i < cards.size(); i += CHUNK) {
            List<StoredCard> chunk = cards.subList(i, Math.min(cards.size(), i + CHUNK));
            dsl.deleteFrom(CARDS).where(CONTACT.in(chunk.stream().map(StoredCard::contactId).toList())).execute();
            var insert = dsl.insertInto(CARDS, CONTACT, RESOURCE, CARD, VERSION, MODIFIED);
            for (StoredCard c : chunk) {
                insert = insert.values(c.contactId(), c.resourceName(), c.card(), c.contactVersion(), at);
            }
            insert.execute();
        }
    }

    void delete(UUID contactId) {
        dsl.deleteFrom(CARDS).where(CONTACT.eq(contactId)).execute();
    }

    private static StoredCard card(org.jooq.Record4<UUID, String, String, Long> r) {
        return new StoredCard(r.value1(), r.value2(), r.value3(), r.value4());
    }
}
