package io.rapport.security;

/**
 * One finding of the web vulnerability scan: which scanner, its category ("Cross Site Scripting", "SQL
 * Injection", "Internal Server Error"...), the severity, the path and parameter, and the scanner's words.
 */
record ScanFinding(String scanner, String category, Severity severity, String path, String parameter, String info) {

    /** Wapiti's levels (0 information ... 4 critical); sqlmap's findings are mapped onto them. */
    enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL;

        static Severity ofWapitiLevel(int level) {
            return values()[Math.max(0, Math.min(level, 4))];
        }

        boolean atLeastMedium() {
            return compareTo(MEDIUM) >= 0;
        }
    }

    @Override
    public String toString() {
        return scanner + " " + severity + " " + category + " at " + path
                + (parameter == null || parameter.isEmpty() ? "" : " (" + parameter + ")") + ": " + info;
    }
}
