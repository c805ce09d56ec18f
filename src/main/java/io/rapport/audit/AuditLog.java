package io.rapport.audit;

import java.util.List;
import java.util.UUID;

/** Writes and reads the attribute-level change history. */
public interface AuditLog {

    /** Records an entry in the current transaction. */
    void record(AuditEntry entry);

    /** Records several entries in the current transaction, in one batch. */
    void recordAll(java.util.List<AuditEntry> entries);

    /**
     * Runs {@code work} with the entries this thread records meanwhile held back, then writes them in one batch, in
     * the order recorded (their sequence numbers as if each had been written at once). For the work of one
     * transaction that rolls back when the work throws (a unit of work, a message in a transaction of its own), called
     * inside that transaction, with no savepoint inside: when the work throws, what it held is dropped. A nested call
     * joins the outer one; entries recorded in another transaction started meanwhile ({@code REQUIRES_NEW}) are
     * written at once; a history read writes what is held first. Outside a transaction the work simply runs.
     */
    <T> T held(java.util.function.Supplier<T> work);

    /** The history of one record, newest first, one page at a time (pages start at 1). */
    List<AuditEntry> history(String entityName, UUID objectId, int page, int pageSize);
}
