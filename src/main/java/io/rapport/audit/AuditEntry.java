package io.rapport.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited operation on one record: who, when, from which channel, and the attribute-level changes. For
 * associate and disassociate the changes name the relationship and the related records.
 */
public record AuditEntry(UUID auditId, Instant createdOn, UUID userId, String operation, String entityName,
        UUID objectId, String channel, Map<String, AttributeChange> changes) {

    public AuditEntry {
        changes = changes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }
}
