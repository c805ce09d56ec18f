package io.rapport.mail.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's SendEmail (bound to email): {@code IssueSend} true queues a draft or failed email for sending (Pending
 * Send; the send queue takes it from there), false only marks it Sent; {@code TrackingToken} replaces the email's
 * token. Returns the {@code Subject} as it will be sent, with the token. Needs Write on the email; an email without
 * any recipient, or already sent or queued, is refused.
 */
@Component
class SendEmailAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MailMessages.SEND_EMAIL, "email", false,
            List.of(Parameter.required("IssueSend", "Boolean"), Parameter.optional("TrackingToken", "String")),
            List.of(Parameter.required("Subject", "String")));

    private final TrackingTokens tokens;
    private final Clock clock;

    SendEmailAction(TrackingTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        if (request.target() == null || request.target().id() == null) {
            throw RapportException.invalid("SendEmail is bound to an email.");
        }
        if (!(request.parameter("IssueSend") instanceof Boolean)) {
            throw RapportException.invalid("The parameter IssueSend (true or false) is required.");
        }
        if (request.parameter("TrackingToken") != null && !(request.parameter("TrackingToken") instanceof String)) {
            throw RapportException.invalid("The parameter TrackingToken must be a string.");
        }
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(request.target(), Privilege.WRITE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity email = context.service().retrieve("email", request.target().id(),
                ColumnSet.of("subject", "statecode", "statuscode", "trackingtoken", "torecipients", "ccrecipients",
                        "bccrecipients"));
        if (!Integer.valueOf(MailMessages.OPEN).equals(email.get("statecode"))) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The email '" + email.getString("subject")
                    + "' was already sent or is waiting to be sent; only a draft or a failed email can be sent.",
                    "statecode");
        }
        if (!hasRecipient(context, email)) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The email '" + email.getString("subject")
                    + "' has no recipient: add one to To, Cc or Bcc.", "torecipients");
        }
        String token = request.parameter("TrackingToken") instanceof String t && !t.isBlank() ? t.trim()
                : email.getString("trackingtoken") != null ? email.getString("trackingtoken") : tokens.next();
        Entity change = new Entity("email", email.id()).set("trackingtoken", token).set("statecode", 1);
        if (Boolean.TRUE.equals(request.parameter("IssueSend"))) {
            change.set("statuscode", MailMessages.PENDING_SEND).set("deliveryattempts", 0);
        } else {
            change.set("statuscode", MailMessages.SENT).set("senton", Instant.now(clock));
        }
        context.service().update(change);
        return new ActionResponse(Map.of("Subject", TrackingTokens.subjectWith(email.getString("subject"), token)));
    }

    private static boolean hasRecipient(PluginContext context, Entity email) {
        for (String field : List.of("torecipients", "ccrecipients", "bccrecipients")) {
            if (!Addresses.split(email.getString(field)).isEmpty()) {
                return true;
            }
        }
        return !context.service().retrieveMultiple(QueryExpression.from("activityparty").select("partyid")
                .where(Condition.eq("activityid", email.id()))
                .where(Condition.of("participationtypemask", io.rapport.query.ConditionOperator.IN, 2, 3, 4)).top(1)
                .build()).entities().isEmpty();
    }
}
