package io.rapport.security.internal.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.audit.AttributeChange;
import io.rapport.cluster.ClusterSignals;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.record.Ids;
import io.rapport.security.PersonalAccessTokens;
import io.rapport.security.internal.OrganizationIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and revokes the caller's personal access tokens, and recognizes a token for the API filter chain.
 * Issuing and revoking are written to the owner's audit history. A valid token is remembered for a few seconds per
 * node (until its expiry at the latest), so a burst of calls costs one lookup; a revocation applies at once on the
 * node that made it, and on the others when its cluster signal {@value #TOPIC} arrives (PostgreSQL, milliseconds
 * after the commit) or at the latest when the remembered entry expires.
 */
@Service
public class PersonalAccessTokenService implements PersonalAccessTokens {

    static final String PREFIX = "rpat_";
    static final String TOPIC = "access-tokens";
    static final int MAX_NAME_LENGTH = 200;

    private final TokenRepository repository;
    private final CallerProvider callers;
    private final OrganizationIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final ClusterSignals signals;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, TokenRepository.Valid> valid = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    PersonalAccessTokenService(TokenRepository repository, CallerProvider callers, OrganizationIdentity identity,
            AuditLog audit, Clock clock, ClusterSignals signals) {
        this.repository = repository;
        this.callers = callers;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.signals = signals;
        signals.subscribe(TOPIC, valid::invalidateAll);
    }

    @Override
    @Transactional
    public IssuedToken issue(String name, TokenScope scope, int lifetimeDays) {
        Caller caller = person();
        if (SecurityContextHolder.getContext().getAuthentication() instanceof PersonalAccessTokenAuthentication) {
            throw new RapportException(ErrorCode.PRIVILEGE_DENIED, "A personal access token cannot issue tokens; "
                    + "sign in to issue one.");
        }
        List<String> problems = new ArrayList<>();
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH) {
            problems.add("A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        if (scope == null) {
            problems.add("A token needs a scope: read or read-write.");
        }
        if (lifetimeDays < 1 || lifetimeDays > MAX_LIFETIME_DAYS) {
            problems.add("A token lives 1 to " + MAX_LIFETIME_DAYS + " days.");
        }
        if (!problems.isEmpty()) {
            throw RapportException.invalid(String.join(" ", problems));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        TokenInfo info = new TokenInfo(Ids.newId(), label, scope, now, now.plus(Duration.ofDays(lifetimeDays)));
        repository.insert(caller.userId(), hash(secret), info);
        record(caller, "AccessTokenIssued", info);
        return new IssuedToken(info, secret);
    }

    @Override
    public List<TokenInfo> mine(int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw RapportException.invalid("Pages start at 1 and hold at least one token.");
        }
        return repository.ofUser(person().userId(), page, pageSize);
    }

    @Override
    @Transactional
    public void revoke(UUID tokenId) {
        Caller caller = person();
        if (!repository.delete(tokenId, caller.userId())) {
            throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "You have no access token with the id "
                    + tokenId + ".");
        }
        valid.invalidateAll();
        signals.publish(TOPIC);
        Map<String, AttributeChange> details = Map.of("tokenid", new AttributeChange(null, tokenId.toString()));
        audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), "AccessTokenRevoked",
                "systemuser", caller.userId(), caller.channel().name(), details));
    }

    /** The owner and scope of a valid, unexpired token; empty for anything else. */
    Optional<TokenRepository.Valid> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = Instant.now(clock);
        TokenRepository.Valid known = valid.getIfPresent(hash);
        if (known != null && known.expiresOn().isAfter(now)) {
            return Optional.of(known);
        }
        Optional<TokenRepository.Valid> found = repository.valid(hash, now);
        found.ifPresent(v -> valid.put(hash, v));
        return found;
    }

    private Caller person() {
        Caller caller = callers.current();
        if (identity.isSystem(caller)) {
            throw new RapportException(ErrorCode.NOT_AUTHENTICATED, "Personal access tokens belong to a signed-in "
                    + "person.");
        }
        return caller;
    }

    private void record(Caller caller, String operation, TokenInfo info) {
        Map<String, AttributeChange> details = new LinkedHashMap<>();
        details.put("tokenid", new AttributeChange(null, info.id().toString()));
        details.put("name", new AttributeChange(null, info.name()));
        details.put("scope", new AttributeChange(null, info.scope().value()));
        details.put("expireson", new AttributeChange(null, info.expiresOn().toString()));
        audit.record(new AuditEntry(Ids.newId(), info.createdOn(), caller.userId(), operation, "systemuser",
                caller.userId(), caller.channel().name(), details));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
