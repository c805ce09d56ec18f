package io.rapport.importing.internal;

/**
 * Text written into CSV files that people open in spreadsheet programs (exports and import error reports): a cell
 * that would run as a formula gets a leading apostrophe (OWASP's advice for CSV injection).
 */
final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /**
     * Text starting with =, +, - or @ (as in "=HYPERLINK(...)"), or with a tab or carriage return (which some
     * programs skip before reading a formula) gets a leading apostrophe; numbers such as "-12.5" stay as they are.
     * Excel cells are written as text and need none.
     */
    static String defuse(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[\\d.,\\s]+")) {
            return "'" + text;
        }
        return text;
    }
}
