package io.rapport.web.internal.mail;

import java.util.List;
import java.util.UUID;

/**
 * The mail panel above an email or mailbox form: status lines, a failure shown as an alert, the action the
 * signed-in user may take (send the email, test the mailbox) and, on a draft email, the templates it can be filled
 * from ("Insert template", as on Dataverse's email form).
 *
 * @param action the last path segment the button posts to ({@code send}, {@code test}), or null for none
 * @param templates the email templates offered, empty when none is (not a draft, or no template fits)
 */
public record MailPanel(String entity, UUID id, List<String> lines, String failure, String action,
        String actionLabel, List<Choice> templates) {

    /** One template offered: its id and title (with its language when it is not the reader's). */
    public record Choice(UUID id, String label) {
    }
}
