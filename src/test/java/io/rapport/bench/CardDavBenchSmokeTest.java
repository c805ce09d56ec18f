package io.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CardDAV benchmark suite in its short form runs end to end (a full and an incremental sync); speed not judged. */
class CardDavBenchSmokeTest {

    @Test
    void shortRunSyncsInFullAndIncrementally() throws Exception {
        List<BenchResult> results = CardDavSuite.run(new BenchSettings(false, 1, 1, 1, 0, 500));
        assertThat(results).extracting(BenchResult::name).containsExactly("CardDAV full sync (200 contacts)",
                "CardDAV incremental sync (10 changed)");
        assertThat(results).allSatisfy(r -> assertThat(r.ratio()).isPositive());
    }
}
