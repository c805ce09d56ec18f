package io.rapport.web.internal.list;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 rows: fields with separators, quotes or line breaks are quoted, quotes doubled. */
final class Csv {

    private Csv() {
    }

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String escape(String value) {
        String v = value == null ? "" : value;
        // a leading =, +, - or @ would run as a formula in spreadsheet programs
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[\\d.,\\s]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
