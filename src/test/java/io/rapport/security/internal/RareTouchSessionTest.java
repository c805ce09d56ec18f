package io.rapport.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;

/** A stored session's last access is taken only once the stored one is a minute (or a tenth of the timeout) old. */
class RareTouchSessionTest {

    private static MapSession stored(Instant lastAccess, Duration timeout) {
        MapSession s = new MapSession();
        s.setLastAccessedTime(lastAccess);
        s.setMaxInactiveInterval(timeout);
        return s;
    }

    @Test
    void theLastAccessIsTakenOnceTheStoredOneIsAMinuteOld() {
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        MapSession s = stored(t, Duration.ofMinutes(30));
        var rare = RareTouchSession.of(s);
        rare.setLastAccessedTime(t.plusSeconds(59));
        assertThat(s.getLastAccessedTime()).isEqualTo(t);
        rare.setLastAccessedTime(t.plusSeconds(60));
        assertThat(s.getLastAccessedTime()).isEqualTo(t.plusSeconds(60));
        assertThat(RareTouchSession.unwrap(rare)).isSameAs(s);
        assertThat(RareTouchSession.of(rare)).isSameAs(rare);
    }

    @Test
    void aShortTimeoutIsTouchedAtATenthOfIt() {
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        MapSession s = stored(t, Duration.ofMinutes(2));
        var rare = RareTouchSession.of(s);
        rare.setLastAccessedTime(t.plusSeconds(11));
        assertThat(s.getLastAccessedTime()).isEqualTo(t);
        rare.setLastAccessedTime(t.plusSeconds(12));
        assertThat(s.getLastAccessedTime()).isEqualTo(t.plusSeconds(12));
    }
}
