package io.rapport.security.internal.roles;

import io.rapport.error.RapportException;
import io.rapport.security.internal.access.AccessDepth;
import io.rapport.security.internal.access.PrivilegeCatalog;
import io.rapport.security.internal.access.PrivilegeDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes Dataverse's RolePrivilege complex type: {@code {"PrivilegeId": guid, "PrivilegeName": name,
 * "Depth": "Basic"|"Local"|"Deep"|"Global", "BusinessUnitId": guid}}. A privilege may be named by id or name.
 */
final class RolePrivilegeParameters {

    private RolePrivilegeParameters() {
    }

    record Item(PrivilegeDefinition privilege, AccessDepth depth) {
    }

    static List<Item> read(Object raw, PrivilegeCatalog catalog) {
        Object parameter = io.rapport.security.internal.access.ParameterValues.plain(raw);
        if (!(parameter instanceof Collection<?> items)) {
            throw RapportException.invalid("Privileges must be a collection of RolePrivilege.");
        }
        List<Item> result = new ArrayList<>();
        for (Object o : items) {
            if (!(o instanceof Map<?, ?> m)) {
                throw RapportException.invalid("A RolePrivilege must be an object with PrivilegeId and Depth.");
            }
            result.add(new Item(privilege(m.get("PrivilegeId"), m.get("PrivilegeName"), catalog), depth(m.get("Depth"))));
        }
        return result;
    }

    static PrivilegeDefinition privilege(Object id, Object name, PrivilegeCatalog catalog) {
        if (id != null) {
            UUID uuid;
            try {
                uuid = id instanceof UUID u ? u : UUID.fromString(id.toString());
            } catch (IllegalArgumentException e) {
                throw RapportException.invalid("PrivilegeId '" + id + "' is not a GUID.");
            }
            return catalog.byId(uuid).orElseThrow(() -> RapportException.notFound("privilege", uuid));
        }
        if (name != null) {
            return catalog.byName(name.toString()).orElseThrow(() -> RapportException.notFound("privilege", name));
        }
        throw RapportException.invalid("A RolePrivilege needs a PrivilegeId or a PrivilegeName.");
    }

    private static AccessDepth depth(Object value) {
        try {
            AccessDepth d = AccessDepth.parse(value == null ? "Basic" : value);
            if (d == AccessDepth.NONE) {
                throw new IllegalArgumentException("none");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid("Depth '" + value + "' is not one of Basic, Local, Deep, Global.");
        }
    }

    static Map<String, Object> write(PrivilegeDefinition p, AccessDepth depth, UUID businessUnitId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PrivilegeId", p.id());
        m.put("PrivilegeName", p.name());
        m.put("Depth", depth.dataverseName());
        m.put("BusinessUnitId", businessUnitId);
        return m;
    }
}
