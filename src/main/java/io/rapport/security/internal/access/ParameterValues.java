package io.rapport.security.internal.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Complex action parameters (PrincipalAccess, RolePrivilege, PagingInfo) arrive as Java maps from code and as
 * JSON nodes from the Web API; this turns the latter into the former.
 */
public final class ParameterValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParameterValues() {
    }

    /** The value with JSON objects and arrays turned into maps and lists. */
    public static Object plain(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isObject()) {
                return JSON.convertValue(node, Map.class);
            }
            if (node.isArray()) {
                return JSON.convertValue(node, List.class);
            }
            return node.isNull() ? null : JSON.convertValue(node, Object.class);
        }
        return value;
    }
}
