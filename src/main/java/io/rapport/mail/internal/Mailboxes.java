package io.rapport.mail.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads mailboxes with their encrypted passwords, as the system user running a job (the only caller that may ask for
 * write-only values, {@link ColumnSet#withSecrets()}): the mailbox
 * an email is sent from and the pages of mailboxes the tracking job reads.
 */
@Component
class Mailboxes {

    static final ColumnSet COLUMNS = ColumnSet.of("name", "emailaddress", "ownerid", "regardingobjectid",
            "outgoingserverlocation", "outgoingportnumber", "outgoingtlsmode", "outgoingusername", "outgoingpassword",
            "incomingserverlocation", "incomingportnumber", "incomingtlsmode", "incomingusername", "incomingpassword",
            "incomingfolder", "incominguidvalidity", "incominglastuid", "statecode").withSecrets();

    // a provider: actions of the pipeline use this class, and the pipeline needs its actions
    private final ObjectProvider<OrganizationService> organization;
    private final CallerProvider callers;
    private final CredentialCipher cipher;

    Mailboxes(ObjectProvider<OrganizationService> organization, CallerProvider callers, CredentialCipher cipher) {
        this.organization = organization;
        this.callers = callers;
        this.cipher = cipher;
    }

    OrganizationService system() {
        return organization.getObject().as(callers.system().withChannel(Channel.SYSTEM));
    }

    MailboxSettings settings(UUID mailboxId) {
        return MailboxSettings.of(system().retrieve("mailbox", mailboxId, COLUMNS), cipher);
    }

    /** The active sending mailbox of a user or queue (the newest when there are several). */
    Optional<MailboxSettings> sendingMailboxOf(UUID regardingId) {
        return system().retrieveMultiple(QueryExpression.from("mailbox").columns(COLUMNS)
                .where(Condition.eq("regardingobjectid", regardingId)).where(Condition.eq("statecode", 0))
                .where(Condition.eq("outgoingemaildeliverymethod", 2)).orderBy(Order.desc("createdon")).top(1)
                .build()).entities().stream().findFirst().map(m -> MailboxSettings.of(m, cipher));
    }

    /** The next page of active IMAP mailboxes after the given id, in id order. */
    List<Entity> trackedAfter(UUID after, int page) {
        QueryExpression.Builder q = QueryExpression.from("mailbox").select("mailboxid")
                .where(Condition.eq("statecode", 0)).where(Condition.eq("incomingemaildeliverymethod", 2))
                .orderBy(Order.asc("mailboxid")).top(page);
        if (after != null) {
            q.where(Condition.of("mailboxid", io.rapport.query.ConditionOperator.GREATER_THAN, after));
        }
        return system().retrieveMultiple(q.build()).entities();
    }

    CredentialCipher cipher() {
        return cipher;
    }
}
