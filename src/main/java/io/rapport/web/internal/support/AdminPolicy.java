package io.rapport.web.internal.support;

import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.security.SystemAdministrators;
import org.springframework.stereotype.Component;

/** Whether the signed-in person sees administration (customization): the security module's one rule. */
@Component
public class AdminPolicy {

    private final CallerProvider callers;
    private final SystemAdministrators administrators;
    private final OrganizationService organization;

    AdminPolicy(CallerProvider callers, SystemAdministrators administrators, OrganizationService organization) {
        this.callers = callers;
        this.administrators = administrators;
        this.organization = organization;
    }

    public boolean isAdmin() {
        Caller caller = callers.current();
        // nobody signed in runs as the system user, who is no person and administers nothing in the UI
        return caller.channel() != Channel.SYSTEM && administrators.isSystemAdministrator(caller);
    }

    /**
     * Whether the signed-in person uses the customization pages (entities, fields and their options, forms): a
     * System Administrator, or anyone holding prvReadCustomization (the System Customizer). Each change they make is
     * still a customization message with its own privilege check.
     */
    public boolean canCustomize() {
        Caller caller = callers.current();
        if (caller.channel() == Channel.SYSTEM) {
            return false;
        }
        return administrators.isSystemAdministrator(caller) || holds(MetadataMessages.PRV_READ_CUSTOMIZATION);
    }

    /** Whether the signed-in person holds a privilege that belongs to no entity (prvBulkDelete...). */
    public boolean holds(String privilege) {
        Caller caller = callers.current();
        if (caller.channel() == Channel.SYSTEM) {
            return false;
        }
        try {
            organization.checkPrivilege(privilege);
            return true;
        } catch (RapportException denied) {
            return false;
        }
    }
}
