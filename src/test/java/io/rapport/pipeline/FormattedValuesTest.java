package io.rapport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Formatted values of read records come from the one formatter: money in the record's currency (or the configured
 * base currency) as the caller's language writes it, date-times in the caller's time zone.
 */
@OnH2
class FormattedValuesTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @Autowired
    OrganizationService organization;

    @Autowired
    CallerProvider callers;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private OrganizationService as(String language, ZoneId zone) {
        Caller s = callers.system();
        return organization.as(new Caller(s.userId(), s.name(), s.businessUnitId(), s.teamIds(), language, zone,
                s.channel()));
    }

    private UUID euro() {
        OrganizationService system = organization.as(callers.system());
        List<Entity> found = system.retrieveMultiple(QueryExpression.from("transactioncurrency")
                .columns(ColumnSet.none()).where(Condition.eq("isocurrencycode", "EUR")).build()).entities();
        return found.isEmpty() ? system.create(new Entity("transactioncurrency").set("currencyname", "Euro")
                .set("isocurrencycode", "EUR").set("currencysymbol", "€").set("exchangerate", new BigDecimal("0.9"))
                .set("currencyprecision", 2)) : found.get(0).id();
    }

    @Test
    void moneyInEurosForSpanishPortugueseAndEnglishReaders() {
        UUID id = organization.as(callers.system()).create(new Entity("account").set("name", "Euro " + run)
                .set("revenue", new BigDecimal("1234.5"))
                .set("transactioncurrencyid", new EntityReference("transactioncurrency", euro())));
        ColumnSet columns = ColumnSet.of("revenue", "transactioncurrencyid");
        assertThat(as("es", SAO_PAULO).retrieve("account", id, columns).formattedValues())
                .containsEntry("revenue", "1.234,50\u00a0€");
        assertThat(as("pt-BR", SAO_PAULO).retrieve("account", id, columns).formattedValues())
                .containsEntry("revenue", "€\u00a01.234,50");
        assertThat(as("en", SAO_PAULO).retrieve("account", id, columns).formattedValues())
                .containsEntry("revenue", "€1,234.50");
    }

    @Test
    void aRetrieveMultipleAskingForNoFormattedValuesGetsTheValuesWithoutThem() {
        UUID id = organization.as(callers.system()).create(new Entity("account").set("name", "Plain " + run)
                .set("revenue", new BigDecimal("1234.5")));
        QueryExpression q = QueryExpression.from("account").select("name", "revenue")
                .where(Condition.eq("accountid", id)).build();
        Entity plain = as("en", SAO_PAULO).execute(new Messages.RetrieveMultipleRequest(q, false)).entities()
                .entities().get(0);
        assertThat(plain.getDecimal("revenue")).isEqualByComparingTo("1234.5");
        assertThat(plain.formattedValues()).isEmpty();
        Entity formatted = as("en", SAO_PAULO).execute(new Messages.RetrieveMultipleRequest(q)).entities()
                .entities().get(0);
        assertThat(formatted.formattedValues()).containsEntry("revenue", "$1,234.50");
    }

    @Test
    void moneyWithoutACurrencyIsInTheConfiguredBaseCurrency() {
        UUID id = organization.as(callers.system()).create(new Entity("account").set("name", "Base " + run)
                .set("revenue", new BigDecimal("1234.5")));
        Entity read = as("en", SAO_PAULO).retrieve("account", id, ColumnSet.of("revenue"));
        assertThat(read.formattedValues()).containsEntry("revenue", "$1,234.50");
    }

    @Test
    void dateTimesInTheReadersTimeZone() {
        UUID id = organization.as(callers.system()).create(new Entity("task").set("subject", "Call " + run)
                .set("scheduledstart", Instant.parse("2027-03-04T15:30:00Z")));
        ColumnSet columns = ColumnSet.of("scheduledstart");
        assertThat(as("es", SAO_PAULO).retrieve("task", id, columns).formattedValues())
                .containsEntry("scheduledstart", "4/3/27 12:30");
        assertThat(as("pt-BR", SAO_PAULO).retrieve("task", id, columns).formattedValues())
                .containsEntry("scheduledstart", "04/03/2027 12:30");
        assertThat(as("en", ZoneId.of("Asia/Tokyo")).retrieve("task", id, columns).formattedValues())
                .containsEntry("scheduledstart", "3/5/27, 12:30 AM");
    }
}
