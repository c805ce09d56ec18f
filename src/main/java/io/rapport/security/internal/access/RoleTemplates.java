package io.rapport.security.internal.access;

import java.util.UUID;

/** Well-known role template ids; a role with the System Administrator template may do everything. */
public final class RoleTemplates {

    /** Dataverse's template id of the System Administrator role. */
    public static final UUID SYSTEM_ADMINISTRATOR = UUID.fromString("627090ff-40a3-4053-8790-584edc5be201");

    private RoleTemplates() {
    }
}
