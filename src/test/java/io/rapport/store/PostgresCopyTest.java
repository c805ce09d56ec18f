package io.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The COPY text format of rows: tab-separated, {@code \N} for null, backslash escapes in text. */
class PostgresCopyTest {

    @Test
    void encodesRowsInCopyTextFormat() {
        UUID id = UUID.fromString("01a23766-b9a0-7ffc-bfcd-86a29b1dbe6f");
        assertThat(PostgresCopy.encode(List.of(
                new Object[] {id, "Bulk 1", null, 42, true, new BigDecimal("1E+3")},
                new Object[] {new BigDecimal("42214.0000"), new BigDecimal("0.000001"), new BigDecimal("1E-7"),
                        new BigDecimal("-0.5"), BigDecimal.ZERO, new BigDecimal("12345678901234567890.12")},
                new Object[] {"tab\there", "a\\b", "line\nnext\rret", "plain then \\", false,
                        LocalDateTime.of(2026, 12, 2, 15, 4, 5, 6_000_000)})))
                .isEqualTo(id + "\tBulk 1\t\\N\t42\tt\t1000\n"
                        + "42214.0000\t0.000001\t0.0000001\t-0.5\t0\t12345678901234567890.12\n"
                        + "tab\\there\ta\\\\b\tline\\nnext\\rret\tplain then \\\\\tf\t2026-12-02T15:04:05.006\n");
    }

    @Test
    void refusesValuesItCannotWrite() {
        assertThat(PostgresCopy.encode(List.<Object[]>of(new Object[] {new int[] {1}}))).isNull();
    }
}
