package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.UpdateMultipleRequest;
import io.rapport.pipeline.Messages.UpsertMultipleRequest;
import io.rapport.pipeline.Messages.UpsertMultipleResponse;
import io.rapport.pipeline.Messages.UpsertResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * UpsertMultiple, as Dataverse's: each target is found by its id or alternate key; those that exist run as one
 * nested UpdateMultiple, the others as one nested CreateMultiple (each record through its own Update or Create
 * stages, privilege checks and audit), all in one transaction. A failure names the index of the target at fault.
 */
@Component
class UpsertMultipleHandler implements MessageHandler<UpsertMultipleRequest, UpsertMultipleResponse> {

    private final RecordServices services;

    UpsertMultipleHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.UPSERT_MULTIPLE;
    }

    @Override
    public Class<UpsertMultipleRequest> requestType() {
        return UpsertMultipleRequest.class;
    }

    @Override
    public Operation<UpsertMultipleResponse> start(UpsertMultipleRequest request, Execution x) {
        EntityMetadata e = Bulk.entity(services, x, request.targets().stream().map(Entity::logicalName).toList(),
                Messages.UPSERT_MULTIPLE);
        PluginContext ctx = x.context(Messages.UPSERT_MULTIPLE, e == null ? null : e.logicalName(), request);
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public List<AccessDemand> privileges() {
                // Create or Write are checked by the nested CreateMultiple and UpdateMultiple, record by record
                return List.of();
            }

            @Override
            public UpsertMultipleResponse execute() {
                UpsertMultipleResponse response = e == null ? new UpsertMultipleResponse(List.of())
                        : upsert(request, e, x);
                ctx.outputs().put("Results", response.results());
                return response;
            }
        };
    }

    private UpsertMultipleResponse upsert(UpsertMultipleRequest request, EntityMetadata e, Execution x) {
        int n = request.targets().size();
        UUID[] ids = new UUID[n];
        for (int i = 0; i < n; i++) {
            Entity t = request.targets().get(i);
            Map<String, Object> key = request.alternateKeys().get(i);
            UUID id = t.id() != null ? t.id() : t.get(e.primaryIdAttribute()) instanceof UUID k ? k : null;
            if (id == null && !key.isEmpty()) {
                try {
                    id = services.store().findIdByKey(x.snapshot(), e, key).orElse(null);
                } catch (RapportException ex) {
                    throw StageRunner.faulted(ex, i);
                }
            }
            ids[i] = id;
        }
        Set<UUID> existing = services.support().preImages(x, e,
                java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull).toList()).keySet();
        List<Integer> updates = new ArrayList<>();
        List<Integer> creates = new ArrayList<>();
        List<Entity> toUpdate = new ArrayList<>();
        List<Entity> toCreate = new ArrayList<>();
        Set<UUID> named = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Entity t = request.targets().get(i).copy();
            if (ids[i] != null && !named.add(ids[i])) {
                throw StageRunner.faulted(RapportException.invalid("The " + e.logicalName() + " record " + ids[i]
                        + " is named twice; UpsertMultiple writes each record once."), i);
            }
            if (ids[i] != null && existing.contains(ids[i])) {
                t.setId(ids[i]);
                updates.add(i);
                toUpdate.add(t);
            } else {
                request.alternateKeys().get(i).forEach((k, v) -> {
                    if (!t.contains(k)) {
                        t.set(k, v);
                    }
                });
                if (ids[i] != null) {
                    t.setId(ids[i]);
                }
                creates.add(i);
                toCreate.add(t);
            }
        }
        List<UUID> created = List.of();
        if (!toCreate.isEmpty()) {
            created = nested(creates, () -> x.nested().execute(new CreateMultipleRequest(toCreate)).ids());
        }
        if (!toUpdate.isEmpty()) {
            nested(updates, () -> x.nested().execute(new UpdateMultipleRequest(toUpdate)));
        }
        UpsertResponse[] results = new UpsertResponse[n];
        for (int k = 0; k < creates.size(); k++) {
            results[creates.get(k)] = new UpsertResponse(new EntityReference(e.logicalName(), created.get(k)), true);
        }
        for (int k = 0; k < updates.size(); k++) {
            results[updates.get(k)] = new UpsertResponse(toUpdate.get(k).toReference(), false);
        }
        return new UpsertMultipleResponse(List.of(results));
    }

    /** Runs a nested bulk message; the index of a failure becomes the index among this message's targets. */
    private static <T> T nested(List<Integer> indexes, java.util.function.Supplier<T> message) {
        try {
            return message.get();
        } catch (RapportException ex) {
            if (ex.details().get(Messages.FAULTED_REQUEST_INDEX) instanceof Integer i && i >= 0 && i < indexes.size()) {
                Map<String, Object> details = new HashMap<>(ex.details());
                details.put(Messages.FAULTED_REQUEST_INDEX, indexes.get(i));
                throw new RapportException(ex.code(), ex.getMessage(), ex.attribute(), details, ex);
            }
            throw ex;
        }
    }
}
