package io.rapport.web.internal.support;

import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.security.SystemAdministrators;
import org.springframework.stereotype.Component;

/** Whether the signed-in person sees administration (customization): the security module's one rule. */
@Component
public class AdminPolicy {

    private final CallerProvider callers;
    private final SystemAdministrators administrators;

    AdminPolicy(CallerProvider callers, SystemAdministrators administrators) {
        this.callers = callers;
        this.administrators = administrators;
    }

    public boolean isAdmin() {
        Caller caller = callers.current();
        // nobody signed in runs as the system user, who is no person and administers nothing in the UI
        return caller.channel() != Channel.SYSTEM && administrators.isSystemAdministrator(caller);
    }
}
