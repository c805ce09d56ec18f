package io.rapport.security.internal.sharing;

import io.rapport.error.RapportException;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.access.AccessRight;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the parameters of the sharing messages in the forms the pipeline receives them: an
 * {@link EntityReference} or {@link Entity}, or a Web API object ({@code {"@odata.type":
 * "Microsoft.Dynamics.CRM.systemuser", "systemuserid": "..."}} or {@code {"logicalName": ..., "id": ...}}), and
 * PrincipalAccess as {@code {"Principal": ..., "AccessMask": "ReadAccess, WriteAccess" | 3}}.
 */
final class SharingParameters {

    private SharingParameters() {
    }

    record PrincipalAccess(EntityReference principal, int accessMask) {
    }

    static EntityReference reference(Object raw, String parameter) {
        Object value = io.rapport.security.internal.access.ParameterValues.plain(raw);
        if (value instanceof EntityReference r && r.id() != null) {
            return r;
        }
        if (value instanceof Entity e && e.id() != null) {
            return e.toReference();
        }
        if (value instanceof Map<?, ?> m) {
            Object logicalName = m.get("logicalName");
            Object id = m.get("id");
            Object type = m.get("@odata.type");
            if (logicalName == null && type != null) {
                String t = type.toString();
                logicalName = t.substring(t.lastIndexOf('.') + 1).replace("#", "").toLowerCase(Locale.ROOT);
            }
            if (id == null && logicalName != null) {
                id = m.get(logicalName + "id");
            }
            if (logicalName != null && id != null) {
                try {
                    return new EntityReference(logicalName.toString(), UUID.fromString(id.toString()));
                } catch (IllegalArgumentException e) {
                    throw RapportException.invalid(parameter + " has an id that is not a GUID: " + id);
                }
            }
        }
        throw RapportException.invalid("The parameter " + parameter + " must name a record (entity and id).");
    }

    static PrincipalAccess principalAccess(Object raw) {
        Object value = io.rapport.security.internal.access.ParameterValues.plain(raw);
        if (!(value instanceof Map<?, ?> m)) {
            throw RapportException.invalid("PrincipalAccess must be an object with Principal and AccessMask.");
        }
        EntityReference principal = principal(m.get("Principal"), "PrincipalAccess.Principal");
        try {
            return new PrincipalAccess(principal, AccessRight.parse(m.get("AccessMask")));
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid("PrincipalAccess.AccessMask: " + e.getMessage());
        }
    }

    static EntityReference principal(Object value, String parameter) {
        EntityReference r = reference(value, parameter);
        if (!r.logicalName().equals("systemuser") && !r.logicalName().equals("team")) {
            throw RapportException.invalid(parameter + " must be a user (systemuser) or a team.");
        }
        return r;
    }
}
