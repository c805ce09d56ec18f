package io.rapport.web.internal.list;

/**
 * One row of the column chooser: an attribute, its label in the page's language, and whether the list shows it
 * (ticked). The chooser's rows are loaded when it opens, so a page render does not carry them.
 */
public record ColumnChoice(String attribute, String label, boolean shown) {
}
