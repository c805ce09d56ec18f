package io.rapport.mail.internal;

import io.rapport.pipeline.Sequences;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Dataverse's email tracking tokens ({@code CRM:0001234}): a prefix and a number from the database sequence
 * {@code sys_mail_tracking_token} (unique across nodes), appended to the subject of a sent email so a reply can be
 * linked back to it even when the client drops the In-Reply-To header.
 */
@Component
class TrackingTokens {

    static final String PREFIX = "CRM:";
    private static final Pattern TOKEN = Pattern.compile("\\bCRM:(\\d{7,})\\b");

    private final Sequences sequences;

    TrackingTokens(Sequences sequences) {
        this.sequences = sequences;
    }

    String next() {
        long n = sequences.next("sys_mail_tracking_token");
        return PREFIX + String.format("%07d", n);
    }

    /** The last token in a subject, if any. */
    static Optional<String> find(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(subject);
        String found = null;
        while (m.find()) {
            found = PREFIX + m.group(1);
        }
        return Optional.ofNullable(found);
    }

    /** The subject with the token at its end, unless it carries it already. */
    static String subjectWith(String subject, String token) {
        String s = subject == null ? "" : subject;
        if (token == null || token.isEmpty() || s.contains(token)) {
            return s;
        }
        return s.isEmpty() ? token : s + " " + token;
    }
}
