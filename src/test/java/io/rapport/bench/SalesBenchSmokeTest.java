package io.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sales benchmark suite in its short form runs end to end (a 20-line quote through the pipeline and in SQL, 2,000
 * invoices listed by customer over the Web API and in SQL); speed not judged.
 */
class SalesBenchSmokeTest {

    @Test
    void shortRunPricesAQuoteAndListsInvoices() throws Exception {
        List<BenchResult> results = SalesSuite.run(new BenchSettings(false, 1, 1, 1, 0, 500));
        assertThat(results).extracting(BenchResult::name).containsExactly(
                "quote with 20 lines (create + CalculatePrice)", "invoices by customer (2000 invoices, page of 50)");
        assertThat(results).allSatisfy(r -> assertThat(r.ratio()).isPositive());
    }
}
