package io.rapport.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** The output parameters of an action, by name. */
public record ActionResponse(Map<String, Object> outputs) implements OrganizationResponse {

    public ActionResponse {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public Object output(String name) {
        return outputs.get(name);
    }
}
