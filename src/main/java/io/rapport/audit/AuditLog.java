package io.rapport.audit;

import java.util.List;
import java.util.UUID;

/** Writes and reads the attribute-level change history. */
public interface AuditLog {

    /** Records an entry in the current transaction. */
    void record(AuditEntry entry);

    /** Records several entries in the current transaction, in one batch. */
    void recordAll(java.util.List<AuditEntry> entries);

    /** The history of one record, newest first, one page at a time (pages start at 1). */
    List<AuditEntry> history(String entityName, UUID objectId, int page, int pageSize);
}
