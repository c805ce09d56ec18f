package io.rapport.importing;

/** What to do with a row that duplicates an existing record (or an earlier row of the same file). */
public enum DuplicateHandling {
    /** Leave the existing record alone and count the row as skipped. */
    SKIP,
    /** Update the existing record with the row's values. */
    UPDATE,
    /** Create a new record anyway. */
    CREATE
}
