package io.rapport.web.internal.related;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The timeline of one record: what can be added and what happened, newest first. A new email is from {@code sender}
 * (the signed-in user) and, when the record has an email address, to {@code recipient} (the record itself).
 */
record TimelineModel(String entity, UUID id, List<Kind> kinds, List<Item> items, String error, String failedType,
        Party sender, Party recipient) {

    /** An email party as a lookup value ({@code systemuser:id}) and its name. */
    record Party(String value, String name) {
    }

    /** A kind of item that can be quickly created here. */
    record Kind(String type, String label, boolean hasDue) {
    }

    record Item(String type, String typeLabel, String subject, String text, String when, String by, String state,
            String href, Instant sortKey) {
    }
}
