package io.rapport.security.internal;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.Channel;
import io.rapport.record.Entity;
import io.rapport.record.Ids;
import io.rapport.security.AuthenticationProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts failed password sign-ins and locks the account after too many in a row, and writes sign-ins to the
 * audit history of the user: interactive successes (form login), failures and lockouts, with the remote address
 * and channel. A failure for an unknown user name is audited under the nil id.
 */
@Component
class SignInEvents {

    /** The audit object id of sign-in failures for user names that do not exist. */
    static final UUID UNKNOWN_USER = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(SignInEvents.class);

    private final CredentialRepository credentials;
    private final RapportUserDetailsService users;
    private final AuditLog audit;
    private final AuthenticationProperties properties;
    private final Clock clock;

    SignInEvents(CredentialRepository credentials, RapportUserDetailsService users, AuditLog audit,
            AuthenticationProperties properties, Clock clock) {
        this.credentials = credentials;
        this.users = users;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof RapportUserDetailsService.PrincipalUserDetails d) {
            credentials.resetFailures(d.principal().userId());
        }
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof RapportUserDetailsService.PrincipalUserDetails d) {
            UUID user = d.principal().userId();
            record(user, user, "SignIn", d.getUsername(), null);
            log.info("Sign-in user={} channel={}", d.getUsername(), channel());
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        UUID user = users.lookUp(username).map(Entity::id).orElse(null);
        String reason = event.getException() instanceof LockedException ? "locked"
                : event instanceof AuthenticationFailureBadCredentialsEvent ? "bad credentials"
                : event.getException().getClass().getSimpleName();
        boolean lockedNow = false;
        if (user != null && event instanceof AuthenticationFailureBadCredentialsEvent) {
            lockedNow = credentials.recordFailure(user, properties.maxFailedAttempts(),
                    LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).plus(properties.lockoutDuration()));
        }
        record(null, user == null ? UNKNOWN_USER : user, "SignInFailed", username, reason);
        if (lockedNow) {
            record(null, user, "LockedOut", username, "after " + properties.maxFailedAttempts() + " failures");
            log.warn("Account locked user={} minutes={}", username, properties.lockoutDuration().toMinutes());
        }
        log.info("Sign-in failed user={} reason={} channel={}", username, reason, channel());
    }

    private void record(UUID actor, UUID user, String operation, String username, String reason) {
        Map<String, AttributeChange> details = new LinkedHashMap<>();
        details.put("username", new AttributeChange(null, username));
        if (reason != null) {
            details.put("reason", new AttributeChange(null, reason));
        }
        String address = remoteAddress();
        if (address != null) {
            details.put("remoteaddress", new AttributeChange(null, address));
        }
        audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), actor, operation, "systemuser", user,
                channel().name(), details));
    }

    private static Channel channel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRequestURI().startsWith(a.getRequest().getContextPath() + "/api/")
                    ? Channel.API : Channel.UI;
        }
        return Channel.SYSTEM;
    }

    private static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getRemoteAddr() : null;
    }
}
