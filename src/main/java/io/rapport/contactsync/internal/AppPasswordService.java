package io.rapport.contactsync.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.contactsync.AppPasswords;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.record.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and revokes the caller's app passwords and checks a presented one for the {@code /dav} chain.
 *
 * <p>Checking a bcrypt hash costs tens of milliseconds, and a sync sends many requests; so the outcome of a check is
 * remembered per node under a SHA-256 of user and secret, but only as "this secret is the password with this id and
 * hash": every request still reads that row, so a revoked (deleted) password is refused at once on every node.
 */
@Service
class AppPasswordService implements AppPasswords {

    static final int MAX_PASSWORDS_CHECKED = 50;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final AppPasswordRepository repository;
    private final PasswordEncoder encoder;
    private final CallerProvider callers;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, AppPasswordRepository.Stored> checked = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    AppPasswordService(AppPasswordRepository repository, PasswordEncoder encoder, CallerProvider callers,
            AuditLog audit, Clock clock) {
        this.repository = repository;
        this.encoder = encoder;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Created create(String name) {
        Caller caller = person();
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH) {
            throw RapportException.invalid("An app password needs a name of 1 to " + MAX_NAME_LENGTH
                    + " characters.");
        }
        String secret = secret();
        AppPassword info = new AppPassword(Ids.newId(), label, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                null);
        repository.insert(caller.userId(), encoder.encode(secret), info);
        record(caller, "AppPasswordCreated", info);
        return new Created(info, secret);
    }

    @Override
    public List<AppPassword> mine(int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw RapportException.invalid("Pages start at 1 and hold at least one app password.");
        }
        return repository.ofUser(person().userId(), page, pageSize);
    }

    @Override
    @Transactional
    public void revoke(UUID id) {
        Caller caller = person();
        if (!repository.delete(id, caller.userId())) {
            throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "You have no app password with the id "
                    + id + ".");
        }
        audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), "AppPasswordRevoked",
                "systemuser", caller.userId(), caller.channel().name(),
                Map.of("apppasswordid", new AttributeChange(null, id.toString()))));
    }

    /** Whether the secret is a current app password of the user; notes its use (at most once a minute). */
    boolean matches(UUID userId, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 200) {
            return false;
        }
        String key = digest(userId + ":" + secret);
        AppPasswordRepository.Stored known = checked.getIfPresent(key);
        Optional<AppPasswordRepository.Stored> current = known == null ? Optional.empty()
                : repository.find(known.id(), known.hash());
        if (current.isEmpty()) {
            checked.invalidate(key);
            current = repository.ofUserForCheck(userId, MAX_PASSWORDS_CHECKED).stream()
                    .filter(p -> encoder.matches(secret, p.hash())).findFirst();
            current.ifPresent(p -> checked.put(key, p));
        }
        current.ifPresent(this::touch);
        return current.isPresent();
    }

    private void touch(AppPasswordRepository.Stored p) {
        Instant now = Instant.now(clock);
        if (p.lastUsedOn() == null || p.lastUsedOn().plus(TOUCH_EVERY).isBefore(now)) {
            repository.touch(p.id(), now);
        }
    }

    /** Six groups of four letters and digits (about 120 bits), easy to type into a mail client. */
    private String secret() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            if (i > 0 && i % 4 == 0) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private Caller person() {
        Caller caller = callers.current();
        if (caller.userId().equals(callers.system().userId())) {
            throw new RapportException(ErrorCode.NOT_AUTHENTICATED, "App passwords belong to a signed-in person.");
        }
        return caller;
    }

    private void record(Caller caller, String operation, AppPassword info) {
        Map<String, AttributeChange> details = new LinkedHashMap<>();
        details.put("apppasswordid", new AttributeChange(null, info.id().toString()));
        details.put("name", new AttributeChange(null, info.name()));
        audit.record(new AuditEntry(Ids.newId(), info.createdOn(), caller.userId(), operation, "systemuser",
                caller.userId(), caller.channel().name(), details));
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
