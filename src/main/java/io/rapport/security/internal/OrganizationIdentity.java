package io.rapport.security.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The ids of the root business unit and the system user, known once the organization exists. */
@Component
class OrganizationIdentity {

    record Ids(UUID rootBusinessUnitId, UUID systemUserId) {
    }

    private final AtomicReference<Ids> ids = new AtomicReference<>();

    Ids get() {
        return ids.get();
    }

    void set(Ids value) {
        ids.set(value);
    }
}
