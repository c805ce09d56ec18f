package io.rapport.web.internal.layout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable record ids of built-in and generated layouts, so that an administrator's change to one is stored under
 * the same id on every node and every restart.
 */
final class LayoutIds {

    private LayoutIds() {
    }

    static UUID systemView(String name) {
        return UUID.nameUUIDFromBytes(("savedquery:" + name).getBytes(StandardCharsets.UTF_8));
    }

    static UUID defaultView(String entity) {
        return systemView(entity + "-default");
    }

    static UUID mainForm(String entity) {
        return UUID.nameUUIDFromBytes(("systemform:" + entity + "-main").getBytes(StandardCharsets.UTF_8));
    }
}
