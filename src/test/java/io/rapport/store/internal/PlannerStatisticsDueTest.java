package io.rapport.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a table already analysed is analysed again after a bulk write: above autovacuum's threshold, and a minute after
 * the last analysis or once the table doubled.
 */
class PlannerStatisticsDueTest {

    @Test
    void aTableAlreadyAnalysedIsAnalysedAgainAfterAMinuteOrWhenItDoubled() {
        assertThat(PlannerStatistics.due(-1, 100, null)).as("never analysed").isTrue();
        assertThat(PlannerStatistics.due(10_000, 100, null)).as("counted by VACUUM, never analysed").isTrue();
        assertThat(PlannerStatistics.due(10_000, 1_049, 5.0)).as("below 50 + 10 %").isFalse();
        assertThat(PlannerStatistics.due(10_000, 1_049, 3_600.0)).as("below 50 + 10 %, an hour ago").isFalse();
        assertThat(PlannerStatistics.due(10_000, 1_050, 59.9)).as("above the threshold within the minute").isFalse();
        assertThat(PlannerStatistics.due(10_000, 1_050, 60.0)).as("above the threshold, a minute ago").isTrue();
        assertThat(PlannerStatistics.due(10_000, 10_049, 1.0)).as("not quite doubled within the minute").isFalse();
        assertThat(PlannerStatistics.due(10_000, 10_050, 1.0)).as("doubled within the minute").isTrue();
        assertThat(PlannerStatistics.due(0, 50, 1.0)).as("analysed empty, 50 rows since").isTrue();
        assertThat(PlannerStatistics.due(0, 49, 1.0)).as("analysed empty, 49 rows since").isFalse();
    }
}
