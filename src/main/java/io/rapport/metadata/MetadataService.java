package io.rapport.metadata;

/** Hands out the current metadata snapshot, reloading it when another node published a newer one. */
public interface MetadataService {

    /** The snapshot to use for one unit of work; never {@code null}. */
    MetadataSnapshot snapshot();

    /** Reloads from the database now, regardless of the refresh interval. */
    MetadataSnapshot reload();
}
