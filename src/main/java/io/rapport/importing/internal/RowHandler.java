package io.rapport.importing.internal;

import java.util.List;

/** Receives the rows of a file in order; returns false to stop reading. */
@FunctionalInterface
interface RowHandler {

    /** @param lineNumber the 1-based line (CSV) or row (Excel) number where the row starts */
    boolean row(int lineNumber, List<String> values);
}
