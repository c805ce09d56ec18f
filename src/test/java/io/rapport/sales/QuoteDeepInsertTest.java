package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A quote created with its lines in one unit of work (the Web API's deep insert), where the existence checks, the
 * quote's owner and its header are read once for all lines ({@code RecordReads}): a change of the quote inside the unit
 * (a new owner, a new state) is seen by the next line, every line is still checked and priced, and a failing line
 * rolls the whole unit back.
 */
abstract class QuoteDeepInsertTest {

    @OnH2
    static class H2 extends QuoteDeepInsertTest {
    }

    @OnPostgres
    static class Postgres extends QuoteDeepInsertTest {
    }

    @Autowired
    OrganizationService org;

    SalesCatalog catalog;
    OrganizationService seller;
    UUID colleague;
    UUID account;

    @BeforeEach
    void setUp() {
        catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Deep insert " + catalog.run, people.rootUnit());
        seller = people.as(people.user("deep-seller", unit, "Salesperson"));
        colleague = people.user("deep-colleague", unit, "Salesperson");
        account = seller.create(new Entity("account").set("name", "Deep insert " + catalog.run));
    }

    private UUID quote(String name) {
        return seller.create(new Entity("quote").set("name", name + " " + catalog.run)
                .set("customerid", new EntityReference("account", account))
                .set("pricelevelid", new EntityReference("pricelevel", catalog.priceList)));
    }

    private UUID line(UUID quote, UUID product, int quantity) {
        return seller.create(new Entity("quotedetail").set("quoteid", new EntityReference("quote", quote))
                .set("productid", new EntityReference("product", product))
                .set("uomid", new EntityReference("uom", catalog.each)).set("quantity", BigDecimal.valueOf(quantity))
                .set("tax", BigDecimal.ONE));
    }

    private boolean exists(String name) {
        return !org.retrieveMultiple(QueryExpression.from("quote").columns(ColumnSet.none())
                .where(Condition.eq("name", name + " " + catalog.run)).build()).entities().isEmpty();
    }

    private BigDecimal openQuoteValue() {
        BigDecimal value = org.retrieve("account", account, ColumnSet.of("openquotevalue"))
                .getDecimal("openquotevalue");
        return value == null ? BigDecimal.ZERO : value;
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    @Test
    void everyLineIsPricedAndAuditedAndTheTotalsAreExact() {
        UUID quote = seller.inTransaction(() -> {
            UUID q = quote("Priced");
            for (int n = 1; n <= 20; n++) {
                line(q, n % 2 == 0 ? catalog.laptop : catalog.dock, n);
            }
            return q;
        });
        // laptops (even n): 2 + 4 at 1,250.00, 6 + 8 less 2 %, 10 + … + 20 less 4 %; docks (odd n, 100 in all) at
        // 100.99 (their price list item has no discount list); 1.00 tax on each line
        BigDecimal laptops = new BigDecimal("1250.00").multiply(BigDecimal.valueOf(6))
                .add(new BigDecimal("1225.00").multiply(BigDecimal.valueOf(14)))
                .add(new BigDecimal("1200.00").multiply(BigDecimal.valueOf(90)));
        BigDecimal docks = new BigDecimal("100.99").multiply(BigDecimal.valueOf(100));
        Entity totals = seller.retrieve("quote", quote, ColumnSet.of("totallineitemamount", "totaltax",
                "totalamount"));
        assertThat(totals.getDecimal("totallineitemamount")).isEqualByComparingTo(laptops.add(docks));
        assertThat(totals.getDecimal("totaltax")).isEqualByComparingTo("20.00");
        assertThat(totals.getDecimal("totalamount")).isEqualByComparingTo(laptops.add(docks).add(BigDecimal.TEN
                .add(BigDecimal.TEN)));
        assertThat(org.retrieveMultiple(QueryExpression.from("quotedetail").columns(ColumnSet.of("quantity",
                "priceperunit", "volumediscountamount", "extendedamount"))
                .where(Condition.eq("quoteid", quote)).build()).entities()).hasSize(20).allSatisfy(l -> {
                    int n = l.getDecimal("quantity").intValue();
                    BigDecimal price = n % 2 == 0 ? new BigDecimal("1250.00") : new BigDecimal("100.99");
                    BigDecimal volume = n % 2 == 1 ? BigDecimal.ZERO : n >= 10 ? new BigDecimal("50.00")
                            : n >= 5 ? new BigDecimal("25.00") : BigDecimal.ZERO;
                    assertThat(l.getDecimal("priceperunit")).isEqualByComparingTo(price);
                    assertThat(l.getDecimal("volumediscountamount")).isEqualByComparingTo(volume);
                    assertThat(l.getDecimal("extendedamount")).isEqualByComparingTo(price.subtract(volume)
                            .multiply(BigDecimal.valueOf(n)).add(BigDecimal.ONE));
                });
        assertThat(openQuoteValue()).isEqualByComparingTo(totals.getDecimal("totalamount"));
    }

    @Test
    void aFailingLineRollsTheWholeDeepInsertBack() {
        BigDecimal before = openQuoteValue();
        assertThatThrownBy(() -> seller.inTransaction(() -> {
            UUID q = quote("Rolled back");
            for (int n = 1; n <= 19; n++) {
                line(q, catalog.laptop, n);
            }
            // the 20th line: a retired product
            return line(q, catalog.modem, 1);
        })).isInstanceOf(RapportException.class).satisfies(e -> {
            assertThat(code(e)).isEqualTo(ErrorCode.BUSINESS_RULE);
            assertThat(e.getMessage()).contains("is not active");
        });
        assertThat(exists("Rolled back")).isFalse();
        assertThat(org.retrieveMultiple(QueryExpression.from("quotedetail").columns(ColumnSet.none())
                .where(Condition.eq("productid", catalog.laptop)).build()).entities()).isEmpty();
        assertThat(openQuoteValue()).isEqualByComparingTo(before);
    }

    @Test
    void aLineAfterTheQuoteWasAssignedAwayInTheSameUnitIsRefused() {
        assertThatThrownBy(() -> seller.inTransaction(() -> {
            UUID q = quote("Assigned away");
            line(q, catalog.laptop, 1);
            // the seller's own quote until here: now their colleague's, which a salesperson may not append to
            seller.execute(new AssignRequest(new EntityReference("quote", q),
                    new EntityReference("systemuser", colleague)));
            return line(q, catalog.laptop, 2);
        })).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThat(exists("Assigned away")).isFalse();
    }

    @Test
    void aLineAfterTheQuoteWasActivatedInTheSameUnitIsRefused() {
        assertThatThrownBy(() -> seller.inTransaction(() -> {
            UUID q = quote("Activated");
            line(q, catalog.laptop, 1);
            seller.update(new Entity("quote", q).set("statecode", 1).set("statuscode", 2));
            return line(q, catalog.laptop, 2);
        })).isInstanceOf(RapportException.class).satisfies(e -> {
            assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY);
            assertThat(e.getMessage()).contains("cannot be changed");
        });
        assertThat(exists("Activated")).isFalse();
    }

    @Test
    void aLineOfAQuoteTheSellerCannotWriteIsRefusedInAUnit() {
        UUID theirs = org.create(new Entity("quote").set("name", "Theirs " + catalog.run)
                .set("customerid", new EntityReference("account", account))
                .set("pricelevelid", new EntityReference("pricelevel", catalog.priceList))
                .set("ownerid", new EntityReference("systemuser", colleague)));
        assertThatThrownBy(() -> seller.inTransaction(() -> {
            UUID mine = quote("Mine");
            line(mine, catalog.laptop, 1);
            return line(theirs, catalog.laptop, 1);
        })).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThat(exists("Mine")).isFalse();
        assertThat(org.retrieveMultiple(QueryExpression.from("quotedetail").columns(ColumnSet.none())
                .where(Condition.eq("quoteid", theirs)).build()).entities()).isEmpty();
    }
}
