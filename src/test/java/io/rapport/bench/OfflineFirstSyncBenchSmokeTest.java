package io.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline first-sync benchmark suite in its short form runs end to end over HTTP; speed not judged. */
class OfflineFirstSyncBenchSmokeTest {

    @Test
    void shortRunSyncsEverySetFromNothing() throws Exception {
        List<BenchResult> results = OfflineFirstSyncSuite.run(new BenchSettings(false, 1, 1, 1, 0, 500));
        assertThat(results).extracting(BenchResult::name).containsExactly("offline first sync (200 records)");
        assertThat(results).allSatisfy(r -> assertThat(r.ratio()).isPositive());
    }
}
