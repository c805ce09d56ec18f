package io.rapport.audit;

import java.util.List;
import java.util.UUID;

/** Writes and reads the attribute-level change history. */
public interface AuditLog {

    /** Records an entry in the current transaction. */
    void record(AuditEntry entry);

    /** The history of one record, newest first, one page at a time (pages start at 1). */
    List<AuditEntry> history(String entityName, UUID objectId, int page, int pageSize);
}
