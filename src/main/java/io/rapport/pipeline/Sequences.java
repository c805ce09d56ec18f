package io.rapport.pipeline;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The next value of a database sequence (the running part of case, contract and sales document numbers, mail
 * tracking tokens): unique across nodes. The statement is rendered once per sequence, not on every call: jOOQ's
 * rendering of {@code select nextval(...)} cost more than running it (most of a case number's time in the case
 * benchmark's profile).
 */
@Component
public class Sequences {

    private final DSLContext dsl;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    Sequences(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The sequence's next value. */
    public long next(String sequenceName) {
        String sql = statements.computeIfAbsent(sequenceName,
                n -> dsl.select(sequence(name(n), Long.class).nextval()).getSQL());
        return dsl.resultQuery(sql).fetchSingle(0, Long.class);
    }
}
