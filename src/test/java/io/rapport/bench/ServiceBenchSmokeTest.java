package io.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service benchmark suite in its short form runs end to end: one SLA timer pass over generated cases moves
 * exactly the due KPIs (the suite checks the counts), and cases and accounts are created over the Web API; speed not
 * judged.
 */
class ServiceBenchSmokeTest {

    @Test
    void shortRunPassesTheTimersAndCreatesCasesAndAccounts() throws Exception {
        List<BenchResult> results = ServiceSuite.run(new BenchSettings(false, 1, 1, 1, 0, 500));
        assertThat(results).extracting(BenchResult::name).containsExactly(
                "SLA timer pass (2000 active cases, 40 due)", "create a case vs an account (Web API)");
        assertThat(results).allSatisfy(r -> assertThat(r.ratio()).isPositive());
        assertThat(results.get(0).note()).startsWith("20 to Nearing Noncompliance, 20 to Noncompliant");
    }
}
