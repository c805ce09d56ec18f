package io.rapport.importing;

/** Where an import job stands. */
public enum ImportStatus {
    /** Uploaded, waiting for its column mapping to be confirmed; no node works on it. */
    DRAFT,
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
