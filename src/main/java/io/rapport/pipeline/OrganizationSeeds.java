package io.rapport.pipeline;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.IntSupplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The one helper of the modules' seeds, the default data they create through the pipeline when a node starts.
 * {@link #tolerant} runs a part of a seed that another node starting at the same time may be creating as well: the
 * duplicate (primary or alternate) key it then meets means the data is there, so it counts nothing and carries on.
 * {@link #once} runs a seed once per organization: a marker in {@code sys_seed} (V141) records that it ran, so
 * what an administrator deletes afterwards stays deleted across restarts.
 */
@Component
public final class OrganizationSeeds {

    private static final Logger log = LoggerFactory.getLogger(OrganizationSeeds.class);
    private static final Table<Record> SEEDS = table(name("sys_seed"));
    private static final Field<String> KEY = field(name("seedkey"), String.class);
    private static final Field<LocalDateTime> ON = field(name("seededon"), LocalDateTime.class);

    private final DSLContext dsl;

    OrganizationSeeds(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Runs the seed unless it ran in this organization before, then records that it ran; the records it created.
     * A seed that fails is not recorded (the next start runs it again; its parts skip what is there).
     */
    public int once(String key, String what, IntSupplier seed) {
        if (dsl.fetchExists(SEEDS, KEY.eq(key))) {
            return 0;
        }
        int created = tolerant(what, seed);
        try {
            dsl.insertInto(SEEDS, KEY, ON).values(key, LocalDateTime.now(ZoneOffset.UTC)).execute();
        } catch (DuplicateKeyException e) {
            log.info("{} recorded by another node meanwhile", what);
        }
        return created;
    }

    /** Runs a part of a seed; 0 when another node created the same meanwhile (a duplicate key). */
    public static int tolerant(String what, IntSupplier part) {
        try {
            return part.getAsInt();
        } catch (RapportException e) {
            if (e.code() != ErrorCode.DUPLICATE_ALTERNATE_KEY && e.code() != ErrorCode.DUPLICATE_KEY) {
                throw e;
            }
            log.info("{} created by another node meanwhile reason={}", what, e.getMessage());
            return 0;
        }
    }
}
