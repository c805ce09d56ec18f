package io.rapport.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Personal access tokens ({@code Authorization: Bearer rpat_…}) of the signed-in person, for scripts that call the
 * Web API as them: each has a name, a scope and an expiry; only its owner lists and revokes it. Every method acts
 * for the current caller; a request authenticated by a token may not issue tokens (a read-only token must not be
 * able to mint a read-write one).
 */
public interface PersonalAccessTokens {

    /** The longest lifetime a token may have, in days. */
    int MAX_LIFETIME_DAYS = 366;

    /** Issues a token; its secret is returned once and never stored (only its hash is). */
    IssuedToken issue(String name, TokenScope scope, int lifetimeDays);

    /** A page (1-based) of the caller's tokens, newest first, at most {@code pageSize} of them. */
    List<TokenInfo> mine(int page, int pageSize);

    /** Revokes one of the caller's tokens; a token of someone else is reported as not found. */
    void revoke(UUID tokenId);

    /** What a token may do: read only ({@code GET} and {@code HEAD}), or read and write. */
    enum TokenScope {
        READ("read"), READ_WRITE("read-write");

        private final String value;

        TokenScope(String value) {
            this.value = value;
        }

        /** The scope's name on the API and in storage. */
        public String value() {
            return value;
        }

        public static TokenScope of(String value) {
            for (TokenScope s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("No token scope is named '" + value + "'");
        }
    }

    /** A token as its owner sees it (never its secret). */
    record TokenInfo(UUID id, String name, TokenScope scope, Instant createdOn, Instant expiresOn) {
    }

    /** A token just issued, with its secret. */
    record IssuedToken(TokenInfo info, String secret) {
    }
}
