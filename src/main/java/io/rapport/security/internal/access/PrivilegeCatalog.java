package io.rapport.security.internal.access;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Privilege;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every privilege that exists for a metadata snapshot: the eight access rights of each entity (custom entities
 * included, so a new entity has privileges the moment it is published) and the miscellaneous privileges.
 */
public final class PrivilegeCatalog {

    /** Reading the change history of a record (RetrieveRecordChangeHistory). */
    public static final String READ_RECORD_AUDIT_HISTORY = "prvReadRecordAuditHistory";
    /** Reading the organization's audit summary (all audit entries). */
    public static final String READ_AUDIT_SUMMARY = "prvReadAuditSummary";

    /**
     * The miscellaneous privileges, then the customization privileges of the metadata messages (prvCreateEntity,
     * prvWriteAttribute...), which System Administrators hold with everything else.
     */
    private static final List<String> MISCELLANEOUS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(READ_RECORD_AUDIT_HISTORY, READ_AUDIT_SUMMARY,
                    io.rapport.pipeline.Messages.PRV_BULK_DELETE),
            io.rapport.pipeline.MetadataMessages.PRIVILEGES.stream()).toList();

    private final Map<String, PrivilegeDefinition> byName = new LinkedHashMap<>();
    private final Map<UUID, PrivilegeDefinition> byId = new LinkedHashMap<>();

    public PrivilegeCatalog(MetadataSnapshot snapshot) {
        for (EntityMetadata e : snapshot.entities()) {
            if (e.isIntersect()) {
                continue;
            }
            for (Privilege p : Privilege.values()) {
                if ((p == Privilege.ASSIGN || p == Privilege.SHARE) && !e.isUserOwned()) {
                    continue;
                }
                add(PrivilegeDefinition.of(name(p, e), e.logicalName(), p));
            }
        }
        MISCELLANEOUS.forEach(n -> add(PrivilegeDefinition.of(n, null, null)));
    }

    private void add(PrivilegeDefinition d) {
        byName.put(d.name(), d);
        byId.put(d.id(), d);
    }

    /** Dataverse's privilege name, e.g. {@code prvAppendToAccount}. */
    public static String name(Privilege p, EntityMetadata e) {
        return "prv" + verb(p) + e.schemaName();
    }

    public static String verb(Privilege p) {
        return switch (p) {
            case CREATE -> "Create";
            case READ -> "Read";
            case WRITE -> "Write";
            case DELETE -> "Delete";
            case APPEND -> "Append";
            case APPEND_TO -> "AppendTo";
            case ASSIGN -> "Assign";
            case SHARE -> "Share";
        };
    }

    public Collection<PrivilegeDefinition> all() {
        return byName.values();
    }

    public Optional<PrivilegeDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<PrivilegeDefinition> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }
}
