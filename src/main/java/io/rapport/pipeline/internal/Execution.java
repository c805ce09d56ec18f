package io.rapport.pipeline.internal;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.QueryContext;
import io.rapport.query.RecordAccess;
import java.util.Map;

/**
 * One message being processed: who runs it, how deep in nested messages, the metadata snapshot it is pinned to,
 * and the service nested messages go through.
 */
record Execution(Caller caller, int depth, MetadataSnapshot snapshot, OrganizationService nested,
        Map<String, Object> sharedVariables, RecordAccess readAccess) {

    PluginContext context(String message, String entity, OrganizationRequest<?> request) {
        return new PluginContext(message, entity, depth, caller, request, snapshot, nested, sharedVariables);
    }

    QueryContext queryContext() {
        return new QueryContext(caller.userId(), caller.businessUnitId(), caller.teamIds(), caller.zone(), null,
                readAccess);
    }

    QueryContext systemQueryContext() {
        return new QueryContext(caller.userId(), caller.businessUnitId(), caller.teamIds(), caller.zone(), null,
                RecordAccess.UNRESTRICTED);
    }
}
