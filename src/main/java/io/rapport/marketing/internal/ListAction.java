package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Parameter reading shared by the list messages. */
final class ListAction {

    private ListAction() {
    }

    /** The list the action is bound to. */
    static EntityReference boundList(ActionRequest request) {
        EntityReference target = request.target();
        if (target == null || target.id() == null || !"list".equals(target.logicalName())) {
            throw RapportException.invalid(request.name() + " is bound to a marketing list (lists(<id>)/"
                    + "Microsoft.Dynamics.CRM." + request.name() + ").");
        }
        return target;
    }

    static UUID guid(ActionRequest request, String name) {
        Object v = request.parameter(name);
        if (v instanceof UUID id) {
            return id;
        }
        if (v instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter " + name + " of " + request.name()
                + " must be the id (Guid) of a record.");
    }

    static EntityReference list(ActionRequest request, String name) {
        Object v = request.parameter(name);
        if (v instanceof EntityReference ref && ref.id() != null && "list".equals(ref.logicalName())) {
            return ref;
        }
        if (v instanceof Entity e && e.id() != null && "list".equals(e.logicalName())) {
            return e.toReference();
        }
        throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter " + name + " of " + request.name()
                + " must be a marketing list (with its listid).");
    }

    /** A collection of member records (crmbaseentity with their ids). */
    static List<EntityReference> members(ActionRequest request, String name) {
        Object v = request.parameter(name);
        if (!(v instanceof List<?> items)) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter " + name + " of " + request.name()
                    + " must be a collection of account, contact or lead records.");
        }
        List<EntityReference> result = new ArrayList<>();
        for (Object item : items) {
            EntityReference ref = item instanceof Entity e ? new EntityReference(e.logicalName(), e.id())
                    : item instanceof EntityReference r ? r : null;
            if (ref == null || ref.id() == null) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Each record of " + name + " needs its id.");
            }
            result.add(ref);
        }
        return result;
    }
}
