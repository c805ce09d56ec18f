package io.rapport.security.internal.access;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The 403 errors of the access checks, worded as Dataverse words them. */
public final class AccessErrors {

    private AccessErrors() {
    }

    public static RapportException missingPrivilege(UUID userId, EntityMetadata e, Privilege p, boolean disabled) {
        String name = PrivilegeCatalog.name(p, e);
        String message = "Principal user (Id=" + userId + ", type=8) is missing " + name + " privilege (Id="
                + PrivilegeDefinition.idOf(name) + ") on OTC=" + e.objectTypeCode() + " for entity '"
                + e.logicalName() + "'." + (disabled ? " The user is disabled." : "");
        return new RapportException(ErrorCode.PRIVILEGE_DENIED, message, null,
                Map.of("privilege", name, "entity", e.logicalName()), null);
    }

    public static RapportException missingPrivilege(UUID userId, String privilegeName) {
        return new RapportException(ErrorCode.PRIVILEGE_DENIED, "Principal user (Id=" + userId
                + ", type=8) is missing " + privilegeName + " privilege (Id=" + PrivilegeDefinition.idOf(privilegeName)
                + ").", null, Map.of("privilege", privilegeName), null);
    }

    public static RapportException noAccess(UUID userId, EntityMetadata e, Privilege p, Entity record) {
        String right = AccessRight.format(AccessRight.of(p).mask());
        String message = "Principal user (Id=" + userId + ") is missing " + PrivilegeCatalog.name(p, e)
                + " privilege on record " + record.id() + ". SecLib::AccessCheckEx failed. ObjectID: " + record.id()
                + ", OwnerId: " + AccessEvaluator.idOf(record.get("ownerid")) + ", OwnerIdType: "
                + ownerType(record) + ", CallingUser: " + userId + ". ObjectTypeCode: " + e.objectTypeCode()
                + ", objectBusinessUnitId: " + AccessEvaluator.idOf(record.get("owningbusinessunit"))
                + ", AccessRights: " + right;
        return new RapportException(ErrorCode.ACCESS_DENIED, message, null,
                Map.of("privilege", PrivilegeCatalog.name(p, e), "entity", e.logicalName()), null);
    }

    public static RapportException securedField(UUID userId, EntityMetadata e, Privilege p, Set<String> attributes) {
        String verb = p == Privilege.CREATE ? "create" : p == Privilege.WRITE ? "update" : "read";
        return new RapportException(ErrorCode.ACCESS_DENIED, "The user (Id=" + userId + ") does not have " + verb
                + " permissions to a secured field (" + e.logicalName() + "." + String.join(", ", attributes)
                + "). The requested operation could not be completed.", attributes.iterator().next());
    }

    private static int ownerType(Entity record) {
        return record.get("ownerid") instanceof io.rapport.record.EntityReference r && "team".equals(r.logicalName())
                ? 9 : 8;
    }
}
