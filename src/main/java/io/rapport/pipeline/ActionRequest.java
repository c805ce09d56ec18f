package io.rapport.pipeline;

import io.rapport.record.EntityReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom action or function by its Dataverse name (QualifyLead, WinOpportunity, WhoAmI...), bound to a record
 * ({@code target}) or unbound, with named parameters in their Java form.
 */
public record ActionRequest(String name, EntityReference target, Map<String, Object> parameters)
        implements OrganizationRequest<ActionResponse> {

    public ActionRequest {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public ActionRequest(String name, Map<String, Object> parameters) {
        this(name, null, parameters);
    }

    @Override
    public String messageName() {
        return name;
    }

    public Object parameter(String key) {
        return parameters.get(key);
    }
}
