package io.rapport.pipeline.internal;

import io.rapport.audit.AttributeChange;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.Label;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customization message: its one Dataverse privilege checked by the stage runner, the change made through the
 * metadata module's {@link CustomizationService} as the main operation (in the message's transaction, so a later
 * stage's failure undoes it), and an audit entry naming the item changed by its MetadataId.
 */
abstract class CustomizationHandler<Q extends OrganizationRequest<R>, R extends OrganizationResponse>
        implements MessageHandler<Q, R> {

    final CustomizationService customization;
    private final String message;
    private final String privilege;
    private final Class<Q> type;

    CustomizationHandler(CustomizationService customization, String message, String privilege, Class<Q> type) {
        this.customization = customization;
        this.message = message;
        this.privilege = privilege;
        this.type = type;
    }

    @Override
    public String messageName() {
        return message;
    }

    @Override
    public Class<Q> requestType() {
        return type;
    }

    /** The entity the change concerns (what plugins see as the primary entity and the audit entry names). */
    abstract String entityName(Q request);

    /** The names of the request's missing parts, all at once. */
    abstract List<String> missing(Q request);

    /** The change (main operation). */
    abstract R apply(Q request, MetadataSnapshot before);

    /**
     * What the audit entry records ({@code null}: nothing changed, nothing to audit); {@code before} is the snapshot
     * the message started with.
     */
    abstract AuditEvent.Customized audited(Q request, R response, MetadataSnapshot before);

    @Override
    public Operation<R> start(Q request, Execution x) {
        PluginContext ctx = x.context(message, entityName(request), request);
        return new Operation<>() {
            private R result;

            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                List<String> missing = missing(request);
                if (!missing.isEmpty()) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, message + " needs "
                            + String.join(", ", missing) + ".", null, Map.of("missing", missing), null);
                }
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(AccessDemand.named(privilege));
            }

            @Override
            public R execute() {
                result = apply(request, x.snapshot());
                return result;
            }

            @Override
            public List<AuditEvent> audit() {
                AuditEvent.Customized event = audited(request, result, x.snapshot());
                return event == null ? List.of() : List.of(event);
            }
        };
    }

    static List<String> missing(Object... namesAndValues) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            if (v == null || v instanceof String s && s.isBlank()) {
                missing.add((String) namesAndValues[i]);
            }
        }
        return missing;
    }

    /** An audit event with the given changes as name, old value, new value triples (labels as maps). */
    AuditEvent.Customized event(String entity, UUID metadataId, Object... changes) {
        Map<String, AttributeChange> map = new LinkedHashMap<>();
        for (int i = 0; i < changes.length; i += 3) {
            map.put((String) changes[i], new AttributeChange(plain(changes[i + 1]), plain(changes[i + 2])));
        }
        return new AuditEvent.Customized(message, entity, metadataId, map);
    }

    private static Object plain(Object v) {
        if (v instanceof Label l) {
            return l.values();
        }
        if (v instanceof io.rapport.metadata.RequiredLevel r) {
            return r.dataverseName();
        }
        return v;
    }
}
