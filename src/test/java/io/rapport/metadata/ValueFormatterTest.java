package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The one formatter: money in the record's currency and dates in the user's zone, per language, thread-safe. */
class ValueFormatterTest {

    private static final Locale ES = Locale.forLanguageTag("es");
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private final ValueFormatter formatter = new ValueFormatter();
    private final AttributeMetadata revenue = AttributeMetadata.of("revenue", AttributeType.MONEY, Label.of("Revenue"));

    @Test
    void moneyInEurosReadsAsEachLanguageWritesIt() {
        BigDecimal amount = new BigDecimal("1234.5");
        assertThat(formatter.format(revenue, amount, new ValueFormatter.Context(ES, SAO_PAULO, "EUR")))
                .isEqualTo("1.234,50\u00a0€");
        assertThat(formatter.format(revenue, amount, new ValueFormatter.Context(PT_BR, SAO_PAULO, "EUR")))
                .isEqualTo("€\u00a01.234,50");
        assertThat(formatter.format(revenue, amount, new ValueFormatter.Context(Locale.ENGLISH, SAO_PAULO, "EUR")))
                .isEqualTo("€1,234.50");
    }

    @Test
    void moneyInTheConfiguredBaseCurrencyAndInACodeJavaDoesNotKnow() {
        BigDecimal amount = new BigDecimal("1234.5");
        assertThat(formatter.format(revenue, amount, new ValueFormatter.Context(PT_BR, SAO_PAULO, "BRL")))
                .isEqualTo("R$\u00a01.234,50");
        assertThat(formatter.format(revenue, amount, new ValueFormatter.Context(Locale.ENGLISH, SAO_PAULO, "XBT")))
                .isEqualTo("1,234.50 XBT");
    }

    @Test
    void dateTimesInTheUsersZoneAndDateOnlyValuesUnshifted() {
        AttributeMetadata createdOn = AttributeMetadata.of("createdon", AttributeType.DATETIME, Label.of("Created"));
        AttributeMetadata birthday = AttributeMetadata.of("birthdate", AttributeType.DATE, Label.of("Birthday"));
        Instant at = Instant.parse("2027-03-04T15:30:00Z");
        assertThat(formatter.format(createdOn, at, new ValueFormatter.Context(ES, SAO_PAULO, null)))
                .isEqualTo("4/3/27 12:30");
        assertThat(formatter.format(createdOn, at, new ValueFormatter.Context(PT_BR, SAO_PAULO, null)))
                .isEqualTo("04/03/2027 12:30");
        assertThat(formatter.format(createdOn, at, new ValueFormatter.Context(Locale.ENGLISH, ZoneId.of("UTC"), null)))
                .isEqualTo("3/4/27, 3:30 PM");
        assertThat(formatter.format(birthday, LocalDate.of(2027, 3, 4),
                new ValueFormatter.Context(PT_BR, ZoneId.of("Pacific/Kiritimati"), null))).isEqualTo("04/03/2027");
    }

    @Test
    void cachedFormattersGiveTheSameTextFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        seen.add(formatter.money(new BigDecimal("1234.5"), "EUR", 2, ES));
                        seen.add(formatter.decimal(new BigDecimal("98765.4321"), 3, ES));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            assertThat(seen).containsExactlyInAnyOrder("1.234,50\u00a0€", "98.765,432");
        } finally {
            pool.shutdownNow();
        }
    }
}
