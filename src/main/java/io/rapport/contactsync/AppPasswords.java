package io.rapport.contactsync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in person's app passwords: the only credentials that sign in at {@code /dav} (mail clients cannot run
 * OAuth2 flows, and the person's own password never works there). Each is named, shown once when created, stored as
 * a password-encoder hash, listed with its last use and revocable; a revoked password is refused on the next request,
 * on every node.
 */
public interface AppPasswords {

    /** The longest name. */
    int MAX_NAME_LENGTH = 200;

    /** Creates an app password; its secret is returned once and never stored. */
    Created create(String name);

    /** A page (1-based) of the caller's app passwords, newest first. */
    List<AppPassword> mine(int page, int pageSize);

    /** Revokes one of the caller's app passwords; someone else's is reported as not found. */
    void revoke(UUID id);

    /** An app password as its owner sees it. */
    record AppPassword(UUID id, String name, Instant createdOn, Instant lastUsedOn) {
    }

    /** A password just created, with its secret. */
    record Created(AppPassword info, String secret) {
    }
}
