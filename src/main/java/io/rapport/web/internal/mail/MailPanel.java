package io.rapport.web.internal.mail;

import java.util.List;
import java.util.UUID;

/**
 * The mail panel above an email or mailbox form: status lines, a failure shown as an alert, and the action the
 * signed-in user may take (send the email, test the mailbox).
 *
 * @param action the last path segment the button posts to ({@code send}, {@code test}), or null for none
 */
public record MailPanel(String entity, UUID id, List<String> lines, String failure, String action,
        String actionLabel) {
}
