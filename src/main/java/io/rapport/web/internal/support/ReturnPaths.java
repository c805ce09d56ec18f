package io.rapport.web.internal.support;

import java.util.regex.Pattern;

/**
 * Where a form posted from a list or a record goes back to: only a page of that entity's list or one of its
 * records, with plain query parameters. Anything else (another site, header-breaking characters a scanner injects)
 * falls back, so a redirect never fails and never leaves the application.
 */
public final class ReturnPaths {

    private static final Pattern RETURN = Pattern.compile(
            "/app/[a-z0-9_]+(/[0-9a-fA-F-]{36})?(\\?[A-Za-z0-9_.,:%+=&-]*)?");

    private ReturnPaths() {
    }

    public static String safe(String entity, String returnTo, String fallback) {
        if (returnTo != null && (returnTo.equals("/app/" + entity) || returnTo.startsWith("/app/" + entity + "/")
                || returnTo.startsWith("/app/" + entity + "?")) && RETURN.matcher(returnTo).matches()) {
            return returnTo;
        }
        return fallback;
    }
}
