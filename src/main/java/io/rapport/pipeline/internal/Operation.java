package io.rapport.pipeline.internal;

import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.PluginContext;
import java.util.List;

/** One run of a message through the stages: its state between the steps the {@link StageRunner} calls in order. */
interface Operation<R extends OrganizationResponse> {

    /** What plugins see; the runner sets the stage. */
    PluginContext context();

    /** Validation against metadata and defaults, after pre-validation plugins and before the privilege check. */
    default void validate() {
    }

    /** The privileges the caller needs; the runner checks them before pre-operation. */
    List<AccessDemand> privileges();

    /** The main operation (stage 30), in the transaction, after pre-operation plugins. */
    R execute();

    /** The response after post-operation plugins (actions return the outputs plugins added). */
    default R complete(R result) {
        return result;
    }

    /** The changes to write to the audit history, after post-operation. */
    default List<AuditEvent> audit() {
        return List.of();
    }
}
