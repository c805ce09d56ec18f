package io.rapport.activity.internal;

import io.rapport.error.RapportException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a timeline page ended, for each of its two sources (activities and notes): the creation time and id of
 * the last record taken from it. Opaque to clients (base64).
 */
record TimelineCursor(Position activities, Position notes) {

    /** The last record taken from one source, or {@code null} before the first page. */
    record Position(Instant createdOn, UUID id) {
    }

    static final TimelineCursor START = new TimelineCursor(null, null);

    static TimelineCursor parse(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8).split("\\|", -1);
            return new TimelineCursor(position(parts[0]), position(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw RapportException.invalid("The paging cookie is not valid.");
        }
    }

    private static Position position(String text) {
        if (text.isEmpty()) {
            return null;
        }
        String[] p = text.split("~");
        return new Position(Instant.ofEpochMilli(Long.parseLong(p[0])), UUID.fromString(p[1]));
    }

    String format() {
        String text = format(activities) + "|" + format(notes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String format(Position p) {
        return p == null ? "" : p.createdOn().toEpochMilli() + "~" + p.id();
    }
}
