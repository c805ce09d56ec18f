package io.rapport.record;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New record ids: time-ordered UUIDs (version 7), so that inserts land at the end of primary-key indexes
 * instead of at random pages.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long random = RANDOM.nextLong();
        long high = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
        long low = (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
