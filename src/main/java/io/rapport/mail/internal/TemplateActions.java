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
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's template messages. {@code InstantiateTemplate} (TemplateId, ObjectType, ObjectId) returns an unsaved
 * email regarding the object, subject and body filled from it and the caller. {@code SendEmailFromTemplate}
 * (TemplateId, Regarding, Target: the recipient record, or an email carrying recipients) creates that email with the
 * recipient as a To party and the caller as sender, copies the template's attachments and sends it (SendEmail),
 * returning the email. Every record is read as the caller: Read on the template and the records, Create on email.
 */
@Configuration
class TemplateActions {

    @Bean
    ActionHandler instantiateTemplate() {
        ActionDefinition d = new ActionDefinition(MailMessages.INSTANTIATE_TEMPLATE, null, false, List.of(
                Parameter.required("TemplateId", "Guid"), Parameter.required("ObjectType", "String"),
                Parameter.required("ObjectId", "Guid")),
                List.of(Parameter.entity("value", "EntityCollection", "email", false)));
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return d;
            }

            @Override
            public void validate(ActionRequest request, PluginContext context) {
                guid(request, "TemplateId");
                guid(request, "ObjectId");
                if (!(request.parameter("ObjectType") instanceof String type)
                        || context.snapshot().findEntity(type).isEmpty()) {
                    throw RapportException.invalid("The parameter ObjectType must name an entity, such as contact.");
                }
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.reference(new EntityReference("template", guid(request, "TemplateId")),
                        Privilege.READ), AccessDemand.reference(new EntityReference(
                                (String) request.parameter("ObjectType"), guid(request, "ObjectId")), Privilege.READ),
                        AccessDemand.entity("email", Privilege.CREATE));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                EntityReference object = new EntityReference((String) request.parameter("ObjectType"),
                        guid(request, "ObjectId"));
                Entity email = instantiate(context.service(), context, guid(request, "TemplateId"), object, null);
                return new ActionResponse(Map.of("value", new EntityCollection("email", List.of(email), false, -1, null)));
            }
        };
    }

    @Bean
    ActionHandler sendEmailFromTemplate() {
        ActionDefinition d = new ActionDefinition(MailMessages.SEND_EMAIL_FROM_TEMPLATE, null, false, List.of(
                Parameter.required("TemplateId", "Guid"), Parameter.entity("Regarding", "EntityReference", null, false),
                Parameter.entity("Target", "Entity", null, false)),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "email", false)));
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return d;
            }

            @Override
            public void validate(ActionRequest request, PluginContext context) {
                guid(request, "TemplateId");
                if (!(request.parameter("Regarding") instanceof EntityReference)) {
                    throw RapportException.invalid("The parameter Regarding (the record the email is about) is "
                            + "required.");
                }
                recipient(request);
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.reference(new EntityReference("template", guid(request, "TemplateId")),
                        Privilege.READ), AccessDemand.reference((EntityReference) request.parameter("Regarding"),
                                Privilege.READ), AccessDemand.entity("email", Privilege.CREATE));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                OrganizationService service = context.service();
                EntityReference regarding = (EntityReference) request.parameter("Regarding");
                Entity target = recipient(request);
                EntityReference recipient = "email".equals(target.logicalName()) ? null : target.toReference();
                Entity email = instantiate(service, context, guid(request, "TemplateId"), regarding, recipient);
                if ("email".equals(target.logicalName())) {
                    for (String field : List.of("torecipients", "ccrecipients", "bccrecipients")) {
                        if (target.getString(field) != null) {
                            email.set(field, target.getString(field));
                        }
                    }
                }
                UUID id = service.create(email);
                service.create(new Entity("activityparty").set("activityid", new EntityReference("email", id))
                        .set("partyid", new EntityReference("systemuser", context.caller().userId()))
                        .set("participationtypemask", 1));
                if (recipient != null) {
                    service.create(new Entity("activityparty").set("activityid", new EntityReference("email", id))
                            .set("partyid", recipient).set("participationtypemask", 2));
                }
                copyAttachments(service, guid(request, "TemplateId"), id);
                service.execute(new ActionRequest(MailMessages.SEND_EMAIL, new EntityReference("email", id),
                        Map.of("IssueSend", true)));
                return new ActionResponse(Map.of(ActionDefinition.RETURNED_ENTITY, service.retrieve("email", id,
                        ColumnSet.of("subject", "description", "statecode", "statuscode", "trackingtoken",
                                "regardingobjectid", "torecipients"))));
            }
        };
    }

    static Entity instantiate(OrganizationService service, PluginContext context, UUID templateId,
            EntityReference regarding, EntityReference recipient) {
        Entity template = service.retrieve("template", templateId, ColumnSet.of("subject", "body"));
        Map<String, Entity> records = new LinkedHashMap<>();
        records.put("systemuser", service.retrieve("systemuser", context.caller().userId(), ColumnSet.all()));
        if (recipient != null) {
            records.put(recipient.logicalName(), service.retrieve(recipient.logicalName(), recipient.id(),
                    ColumnSet.all()));
        }
        if (regarding != null) {
            records.put(regarding.logicalName(), service.retrieve(regarding.logicalName(), regarding.id(),
                    ColumnSet.all()));
        }
        Entity email = new Entity("email")
                .set("subject", TemplateRenderer.render(template.getString("subject"), records, false))
                .set("description", TemplateRenderer.render(template.getString("body"), records, true))
                .set("directioncode", true);
        if (regarding != null && context.snapshot().entity("email").attribute("regardingobjectid").targets()
                .contains(regarding.logicalName())) {
            email.set("regardingobjectid", regarding);
        }
        return email;
    }

    private static void copyAttachments(OrganizationService service, UUID templateId, UUID emailId) {
        for (Entity a : service.retrieveMultiple(QueryExpression.from("activitymimeattachment")
                .select("filename", "mimetype", "body", "attachmentnumber")
                .where(Condition.eq("objectid", templateId)).top(EmailComposer.MAX_ATTACHMENTS).build()).entities()) {
            service.create(new Entity("activitymimeattachment").set("objectid", new EntityReference("email", emailId))
                    .set("filename", a.getString("filename")).set("mimetype", a.getString("mimetype"))
                    .set("body", a.getString("body")).set("attachmentnumber", a.get("attachmentnumber")));
        }
    }

    private static Entity recipient(ActionRequest request) {
        if (!(request.parameter("Target") instanceof Entity target) || target.logicalName() == null) {
            throw RapportException.invalid("The parameter Target (the recipient record, or an email with its "
                    + "recipients) is required.");
        }
        if (!"email".equals(target.logicalName()) && (target.id() == null
                || !Addresses.ATTRIBUTES.containsKey(target.logicalName()))) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The Target of SendEmailFromTemplate must be a "
                    + "contact, lead, account or user with its id, or an email with recipients.");
        }
        return target;
    }

    private static UUID guid(ActionRequest request, String name) {
        if (!(request.parameter(name) instanceof UUID id)) {
            throw RapportException.invalid("The parameter " + name + " (a GUID) is required.");
        }
        return id;
    }
}
