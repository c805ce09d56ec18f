package io.rapport.security.internal;

import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Channel;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The ids of the root business unit and the system user, known once the organization exists. */
@Component
public class OrganizationIdentity {

    /** The root business unit and the system user. */
    public record Ids(UUID rootBusinessUnitId, UUID systemUserId) {
    }

    private final AtomicReference<Ids> ids = new AtomicReference<>();

    /** The ids, or {@code null} while the organization is being created. */
    public Ids get() {
        return ids.get();
    }

    void set(Ids value) {
        ids.set(value);
    }

    /** The system user as a caller: unrestricted, for platform work. */
    public Caller systemCaller() {
        Ids i = ids.get();
        return i == null ? new Caller(null, "SYSTEM", null, null, "en", null, Channel.SYSTEM)
                : new Caller(i.systemUserId(), "SYSTEM", i.rootBusinessUnitId(), null, "en", null, Channel.SYSTEM);
    }

    /** Whether the caller is the system user (or nobody, during first start), who bypasses all checks. */
    public boolean isSystem(Caller caller) {
        if (caller.userId() == null) {
            return true;
        }
        Ids i = ids.get();
        return i != null && caller.userId().equals(i.systemUserId());
    }
}
