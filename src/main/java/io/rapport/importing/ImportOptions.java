package io.rapport.importing;

/**
 * Choices for one import.
 *
 * @param createMissingLookups create the referenced record (by its primary name) when a lookup finds none, e.g. the
 *     account named in a contact's company column
 * @param dataMapName save the mapping under this name for later imports, if not {@code null}
 */
public record ImportOptions(DuplicateHandling duplicates, boolean createMissingLookups, String dataMapName) {

    public ImportOptions {
        duplicates = duplicates == null ? DuplicateHandling.SKIP : duplicates;
    }

    public static ImportOptions defaults() {
        return new ImportOptions(DuplicateHandling.SKIP, false, null);
    }
}
