package io.rapport.security.internal.access;

import io.rapport.pipeline.Privilege;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One privilege: an access right on an entity ({@code prvReadAccount}), or a miscellaneous privilege
 * ({@code prvReadRecordAuditHistory}) with no entity. Ids are derived from the name so that every node and every
 * database agrees on them without storing a catalog.
 *
 * @param entity the entity's logical name, or {@code null} for a miscellaneous privilege
 * @param right the access right, or {@code null} for a miscellaneous privilege
 */
public record PrivilegeDefinition(UUID id, String name, String entity, Privilege right) {

    public static PrivilegeDefinition of(String name, String entity, Privilege right) {
        return new PrivilegeDefinition(idOf(name), name, entity, right);
    }

    public static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(("rapport:privilege:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
