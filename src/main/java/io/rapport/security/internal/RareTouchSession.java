package io.rapport.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.session.Session;

/**
 * A stored session whose last access is written back only when the stored one is at least {@link #INTERVAL} old (a
 * tenth of the timeout, when that is shorter than ten minutes).
 * Spring Session sets the last access on every request, which makes every page a write of the session row (an
 * {@code UPDATE} and a commit on the one database every node shares) although nothing else changed. Written at most
 * once a minute, a session of a person who keeps working stays alive as before; one left alone expires at most a
 * minute before its full timeout after the last request (30 minutes). Everything else (attributes, id changes, the
 * timeout) is the stored session's own.
 */
final class RareTouchSession implements Session {

    /** How old the stored last access may grow before a request writes its own. */
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Session stored;

    private RareTouchSession(Session stored) {
        this.stored = stored;
    }

    /** The stored session, as read from the database, touched rarely. */
    static Session of(Session stored) {
        return stored == null || stored instanceof RareTouchSession ? stored : new RareTouchSession(stored);
    }

    /** The session the repository saves: the stored one inside, or the given session itself. */
    static Object unwrap(Object session) {
        return session instanceof RareTouchSession rare ? rare.stored : session;
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        // a timeout shorter than ten minutes (set by an operator) is written at a tenth of it
        Duration timeout = stored.getMaxInactiveInterval();
        Duration every = timeout.isNegative() || timeout.compareTo(INTERVAL.multipliedBy(10)) >= 0 ? INTERVAL
                : timeout.dividedBy(10);
        if (!lastAccessedTime.isBefore(stored.getLastAccessedTime().plus(every))) {
            stored.setLastAccessedTime(lastAccessedTime);
        }
    }

    @Override
    public Instant getLastAccessedTime() {
        return stored.getLastAccessedTime();
    }

    @Override
    public String getId() {
        return stored.getId();
    }

    @Override
    public String changeSessionId() {
        return stored.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String attributeName) {
        return stored.getAttribute(attributeName);
    }

    @Override
    public Set<String> getAttributeNames() {
        return stored.getAttributeNames();
    }

    @Override
    public void setAttribute(String attributeName, Object attributeValue) {
        stored.setAttribute(attributeName, attributeValue);
    }

    @Override
    public void removeAttribute(String attributeName) {
        stored.removeAttribute(attributeName);
    }

    @Override
    public Instant getCreationTime() {
        return stored.getCreationTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        stored.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return stored.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return stored.isExpired();
    }
}
