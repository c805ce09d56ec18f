package io.rapport.web.internal.shell;

/** Redirect targets taken from requests stay on this site. */
final class SafeRedirect {

    private SafeRedirect() {
    }

    static String localPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
                || path.contains("\r") || path.contains("\n")) {
            return "/";
        }
        return path;
    }
}
