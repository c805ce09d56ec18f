package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What the bulk messages (CreateMultiple, UpdateMultiple, UpsertMultiple, DeleteMultiple) check alike. */
final class Bulk {

    private Bulk() {
    }

    /** The one entity of the targets, or {@code null} when there are none; records of another fail the message. */
    static EntityMetadata entity(RecordServices services, Execution x, List<String> logicalNames, String message) {
        if (logicalNames.isEmpty()) {
            return null;
        }
        EntityMetadata e = services.support().writableEntity(x, logicalNames.get(0));
        for (int i = 1; i < logicalNames.size(); i++) {
            if (!logicalNames.get(i).equals(e.logicalName())) {
                throw StageRunner.faulted(RapportException.invalid(message + " works on records of one entity; "
                        + "record " + i + " is a " + logicalNames.get(i) + ", not a " + e.logicalName() + "."), i);
            }
        }
        return e;
    }

    /**
     * The operation of an UpdateMultiple or DeleteMultiple on entity {@code e} (null when there are no targets):
     * the entity-wide privilege here, each record's own stages run by the {@link StageRunner} over the items the
     * supplier builds, then {@code write} stores them all; the audit is the items' entries.
     */
    static <I extends Operation<?>> Operation<EmptyResponse> itemsOperation(PluginContext ctx, EntityMetadata e,
            Privilege privilege, StageRunner runner, Execution x, Supplier<List<I>> items, Consumer<List<I>> write) {
        return new Operation<>() {
            private List<AuditEvent> events = List.of();

            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public List<AccessDemand> privileges() {
                return e == null ? List.of() : List.of(AccessDemand.entity(e.logicalName(), privilege));
            }

            @Override
            public EmptyResponse execute() {
                if (e == null) {
                    return EmptyResponse.INSTANCE;
                }
                List<I> built = items.get();
                events = runner.runItems(built, () -> write.accept(built), x);
                return EmptyResponse.INSTANCE;
            }

            @Override
            public List<AuditEvent> audit() {
                return events;
            }
        };
    }
}
