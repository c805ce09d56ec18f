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
import io.rapport.record.Entity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's incoming email messages (unbound here; Dataverse binds DeliverIncomingEmail to the email collection).
 * {@code CheckIncomingEmail} (MessageId, Subject, From, To, Cc, Bcc) answers {@code ShouldDeliver} and
 * {@code ReasonCode} (0 deliver, 1 already tracked, 2 nothing to link it to). {@code DeliverIncomingEmail} creates the
 * received email activity, its parties and attachments, linked by address, tracking token and In-Reply-To (given in
 * {@code ExtraProperties} as an email with {@code inreplyto} / {@code conversationindex}), and returns
 * {@code EmailId}. Both read as the caller (the mailbox owner when the tracking job calls them).
 */
@Configuration
class IncomingEmailActions {

    private static final List<Parameter> HEADERS = List.of(Parameter.required("MessageId", "String"),
            Parameter.optional("Subject", "String"), Parameter.required("From", "String"),
            Parameter.optional("To", "String"), Parameter.optional("Cc", "String"),
            Parameter.optional("Bcc", "String"));

    @Bean
    ActionHandler checkIncomingEmail(IncomingEmails incoming) {
        List<Parameter> parameters = new java.util.ArrayList<>(HEADERS);
        parameters.add(Parameter.entity("ExtraProperties", "Entity", "email", true));
        ActionDefinition d = new ActionDefinition(MailMessages.CHECK_INCOMING_EMAIL, null, false, parameters,
                List.of(Parameter.required("ShouldDeliver", "Boolean"), Parameter.required("ReasonCode", "Int32")));
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return d;
            }

            @Override
            public void validate(ActionRequest request, PluginContext context) {
                headers(request);
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.entity("email", Privilege.READ));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                int reason = incoming.check(context, headers(request), extra(request).getString("inreplyto"));
                return new ActionResponse(Map.of("ShouldDeliver", reason == 0, "ReasonCode", reason));
            }
        };
    }

    @Bean
    ActionHandler deliverIncomingEmail(IncomingEmails incoming) {
        List<Parameter> parameters = new java.util.ArrayList<>(HEADERS);
        parameters.addAll(List.of(Parameter.optional("ReceivedOn", "DateTime"),
                Parameter.optional("SubmittedBy", "String"), Parameter.optional("Importance", "String"),
                Parameter.optional("Body", "String"),
                Parameter.entity("Attachments", "EntityCollection", "activitymimeattachment", true),
                Parameter.entity("ExtraProperties", "Entity", "email", true),
                Parameter.optional("ValidateBeforeCreate", "Boolean")));
        ActionDefinition d = new ActionDefinition(MailMessages.DELIVER_INCOMING_EMAIL, null, false, parameters,
                List.of(Parameter.required("EmailId", "Guid")));
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return d;
            }

            @Override
            public void validate(ActionRequest request, PluginContext context) {
                headers(request);
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.entity("email", Privilege.CREATE));
            }

            @Override
            @SuppressWarnings("unchecked")
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                IncomingEmails.Headers h = headers(request);
                Entity extra = extra(request);
                int reason = incoming.check(context, h, extra.getString("inreplyto"));
                if (reason == 1) {
                    throw new RapportException(ErrorCode.DUPLICATE_RECORD, "The email " + h.messageId()
                            + " is already tracked.", "messageid");
                }
                if (reason == 2 && Boolean.TRUE.equals(request.parameter("ValidateBeforeCreate"))) {
                    throw new RapportException(ErrorCode.BUSINESS_RULE, "The email " + h.messageId()
                            + " is not from or to a known contact, lead or account and answers no tracked email.",
                            "messageid");
                }
                List<Entity> attachments = request.parameter("Attachments") instanceof List<?> l
                        ? (List<Entity>) l : List.of();
                Instant received = request.parameter("ReceivedOn") instanceof Instant i ? i : null;
                return new ActionResponse(Map.of("EmailId", incoming.deliver(context, h, received,
                        (String) request.parameter("Body"), (String) request.parameter("Importance"), extra,
                        attachments)));
            }
        };
    }

    private static Entity extra(ActionRequest request) {
        return request.parameter("ExtraProperties") instanceof Entity e ? e : new Entity("email");
    }

    private static IncomingEmails.Headers headers(ActionRequest request) {
        if (!(request.parameter("MessageId") instanceof String id) || id.isBlank()) {
            throw RapportException.invalid("The parameter MessageId is required.");
        }
        if (!(request.parameter("From") instanceof String from) || Addresses.split(from).isEmpty()) {
            throw RapportException.invalid("The parameter From must hold the sender's email address.");
        }
        return new IncomingEmails.Headers(id.trim(), (String) request.parameter("Subject"), from,
                (String) request.parameter("To"), (String) request.parameter("Cc"), (String) request.parameter("Bcc"));
    }
}
