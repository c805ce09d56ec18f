package io.rapport.importing;

/** Where an import job stands. */
public enum ImportStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
