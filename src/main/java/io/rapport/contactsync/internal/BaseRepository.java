package io.rapport.contactsync.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Row2;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * Cards as clients saw them ({@code sys_dav_card_base}), by contact and ETag: the candidates for the base of a
 * field-level merge. Kept {@link #RETENTION}, and at most {@link #KEEP} per contact once a client writes the card.
 */
@Repository
class BaseRepository {

    static final int KEEP = 10;
    static final Duration RETENTION = Duration.ofDays(30);
    private static final int CHUNK = 500;
    private static final Table<Record> BASES = table(name("sys_dav_card_base"));
    private static final Field<UUID> CONTACT = field(name("contactid"), UUID.class);
    private static final Field<String> ETAG = field(name("etag"), String.class);
    private static final Field<String> CARD = field(name("card"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);

    /** A card a client saw. */
    record Base(UUID contactId, String etag, String card) {
    }

    private final DSLContext dsl;

    BaseRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The contact's bases, newest first. */
    List<String> of(UUID contactId) {
        return dsl.select(CARD).from(BASES).where(CONTACT.eq(contactId)).orderBy(CREATED.desc()).limit(KEEP * 3)
                .fetch(CARD);
    }

    /** Adds those of the bases not stored yet. */
    void add(List<Base> bases, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        for (int i = 0; i < bases.size(); i += CHUNK) {
            List<Base> chunk = bases.subList(i, Math.min(bases.size(), i + CHUNK));
            List<Row2<UUID, String>> keys = chunk.stream().map(b -> row(b.contactId(), b.etag())).toList();
            Set<String> known = new HashSet<>();
            dsl.select(CONTACT, ETAG).from(BASES).where(row(CONTACT, ETAG).in(keys))
                    .forEach(r -> known.add(r.value1() + " " + r.value2()));
            List<Base> fresh = new ArrayList<>();
            Set<String> seen = new HashSet<>(known);
            for (Base b : chunk) {
                if (seen.add(b.contactId() + " " + b.etag())) {
                    fresh.add(b);
                }
            }
            if (!fresh.isEmpty()) {
                var insert = dsl.insertInto(BASES, CONTACT, ETAG, CARD, CREATED);
                for (Base b : fresh) {
                    insert = insert.values(b.contactId(), b.etag(), b.card(), at);
                }
                insert.execute();
            }
        }
    }

    /** Keeps the contact's newest {@link #KEEP} bases, and none older than the retention. */
    void prune(UUID contactId, Instant now) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(now.minus(RETENTION), ZoneOffset.UTC);
        List<String> etags = dsl.select(ETAG).from(BASES).where(CONTACT.eq(contactId)).orderBy(CREATED.desc())
                .fetch(ETAG);
        List<String> old = etags.size() > KEEP ? etags.subList(KEEP, etags.size()) : List.of();
        dsl.deleteFrom(BASES).where(CONTACT.eq(contactId)).and(ETAG.in(old).or(CREATED.lt(cutoff))).execute();
    }

    void delete(UUID contactId) {
        dsl.deleteFrom(BASES).where(CONTACT.eq(contactId)).execute();
    }
}
