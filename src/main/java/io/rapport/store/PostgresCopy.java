package io.rapport.store;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Rows written with PostgreSQL's {@code COPY ... FROM STDIN} (text format) in the caller's transaction: a bulk
 * message's rows and their audit entries, where a batched {@code INSERT} would spend most of its time binding
 * parameters in the driver and parsing value lists in the server. Indexes, constraints and foreign keys apply as
 * they do to an INSERT; a violation fails the whole COPY (and so the message, which rolls back).
 */
public final class PostgresCopy {

    /** Below this many rows a batched INSERT costs no more. */
    public static final int MIN_ROWS = 16;

    private PostgresCopy() {
    }

    /** Whether {@code rows} rows go through COPY on this database. */
    public static boolean pays(DSLContext dsl, int rows) {
        return rows >= MIN_ROWS && dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /**
     * {@code count} numbers of a sequence in one statement, ascending: drawn by the server into one array value (one
     * row to fetch and convert, not {@code count}).
     */
    public static long[] nextValues(DSLContext dsl, String sequence, int count) {
        Long[] drawn = dsl.select(DSL.array(DSL.select(DSL.sequence(DSL.name(sequence), Long.class).nextval())
                .from(DSL.generateSeries(1, count)))).fetchOne(0, Long[].class);
        long[] values = new long[drawn.length];
        for (int i = 0; i < drawn.length; i++) {
            values[i] = drawn[i];
        }
        Arrays.sort(values);
        return values;
    }

    /**
     * The COPY text of the rows, or {@code null} when a value is of a type this encoder does not write (the caller
     * then inserts them as it would otherwise). Values are JDBC column values: text, numbers, booleans, UUIDs,
     * dates and timestamps without zone.
     */
    public static String encode(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                if (!append(out, row[i])) {
                    return null;
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Copies the encoded rows into the table's columns; answers the number of rows written. */
    public static long copy(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, String encoded) {
        StringBuilder sql = new StringBuilder("copy ").append(dsl.render(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dsl.render(DSL.field(DSL.name(columns.get(i).getName()))));
        }
        String statement = sql.append(") from stdin").toString();
        return dsl.connectionResult(c -> c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(statement, new StringReader(encoded)));
    }

    /**
     * Appends one value in COPY's text form (as {@link #encode} writes it); false, with nothing appended, for a value
     * of a type this encoder does not write.
     */
    public static boolean append(StringBuilder out, Object v) {
        if (v == null) {
            out.append("\\N");
        } else if (v instanceof String s) {
            text(out, s);
        } else if (v instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (v instanceof BigDecimal d) {
            // toString() is kept by the instance (a default value is one instance for every row) and is the plain
            // form for these scales and exponents; toPlainString() is built anew each time
            out.append(d.scale() >= 0 && d.precision() - d.scale() > -6 ? d.toString() : d.toPlainString());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Double
                || v instanceof Float || v instanceof UUID || v instanceof LocalDate || v instanceof LocalDateTime) {
            // Java's forms of these are PostgreSQL input forms (1.0E10, NaN, Infinity, ISO dates with 'T')
            out.append(v);
        } else {
            return false;
        }
        return true;
    }

    private static void text(StringBuilder out, String s) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            // most values hold nothing to escape: appended whole, not character by character
            out.append(s);
            return;
        }
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
