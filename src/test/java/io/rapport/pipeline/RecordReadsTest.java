package io.rapport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What {@link RecordReads} keeps, for how long, and what makes it forget. */
class RecordReadsTest {

    private final UUID id = UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> header() {
        return RecordReads.once("quote", id, "header", () -> {
            reads.incrementAndGet();
            return Optional.of("read " + reads.get());
        });
    }

    @Test
    void aFoundRecordIsReadOnceInAScopeAndAgainInTheNext() {
        RecordReads.scope(() -> {
            assertThat(header()).contains("read 1");
            // a nested message joins the scope
            assertThat(RecordReads.scope(this::header)).contains("read 1");
            return null;
        });
        assertThat(RecordReads.scope(this::header)).contains("read 2");
        // outside a scope nothing is kept
        assertThat(header()).contains("read 3");
        assertThat(header()).contains("read 4");
    }

    @Test
    void aWriteOfTheRecordForgetsEveryReadOfIt() {
        UUID other = UUID.randomUUID();
        RecordReads.scope(() -> {
            header();
            assertThat(RecordReads.exists("quote", id, () -> true)).isTrue();
            assertThat(RecordReads.exists("quote", other, () -> true)).isTrue();
            RecordReads.forget("quote", id);
            assertThat(header()).contains("read 2");
            assertThat(RecordReads.exists("quote", id, () -> false)).isFalse();
            // the other record is still known; a bulk write forgets it too
            assertThat(RecordReads.exists("quote", other, () -> false)).isTrue();
            RecordReads.forget("quote", List.of(other));
            assertThat(RecordReads.exists("quote", other, () -> false)).isFalse();
            return null;
        });
    }

    @Test
    void aMissingRecordIsAskedAgain() {
        RecordReads.scope(() -> {
            assertThat(RecordReads.exists("quote", id, () -> false)).isFalse();
            assertThat(RecordReads.exists("quote", id, () -> true)).isTrue();
            assertThat(RecordReads.owner("quote", id, Optional::empty)).isEmpty();
            return null;
        });
    }

    @Test
    void aCreatedRecordExistsWithTheOwnerItWasWrittenWith() {
        UUID owner = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        RecordReads.scope(() -> {
            RecordReads.created("quote", new Entity("quote", id).set("name", "New")
                    .set("ownerid", new EntityReference("systemuser", owner))
                    .set("owningbusinessunit", new EntityReference("businessunit", unit)), true);
            assertThat(RecordReads.exists("quote", id, () -> false)).isTrue();
            Entity row = RecordReads.owner("quote", id, Optional::empty).orElseThrow();
            assertThat(row.attributes()).containsOnlyKeys("ownerid", "owningbusinessunit");
            assertThat(row.getReference("ownerid").id()).isEqualTo(owner);
            assertThat(row.getReference("owningbusinessunit").id()).isEqualTo(unit);
            // an organization-owned record has no owner to keep
            UUID product = UUID.randomUUID();
            RecordReads.created("product", new Entity("product", product), false);
            assertThat(RecordReads.exists("product", product, () -> false)).isTrue();
            assertThat(RecordReads.owner("product", product, Optional::empty)).isEmpty();
            return null;
        });
    }
}
