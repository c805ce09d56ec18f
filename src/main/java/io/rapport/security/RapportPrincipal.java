package io.rapport.security;

import java.io.Serializable;
import java.util.UUID;

/** The signed-in user as Spring Security carries it. */
public record RapportPrincipal(UUID userId, String username, String fullName, UUID businessUnitId, String language)
        implements Serializable {
}
