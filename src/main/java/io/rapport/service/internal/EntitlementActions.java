package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.StateReasons;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.service.ServiceMessages;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's {@code RenewEntitlement} (bound to {@code entitlement}; {@code Status}, a Draft status reason; needs
 * Write on the entitlement, as prvWriteEntitlement): an active or expired entitlement is followed by a draft copy that
 * starts the day after it ends and lasts as long, with all its terms and its channels' terms remaining; the answer is
 * the new {@code entitlement}.
 */
@Configuration
class EntitlementActions {

    private final ServiceReads reads;

    EntitlementActions(ServiceReads reads) {
        this.reads = reads;
    }

    static final int ACTIVE = 0;
    static final int DRAFT = 1;
    static final int EXPIRED = 2;
    static final List<String> COPIED = List.of("name", "customerid", "allocationtypecode", "decreaseremainingon",
            "totalterms", "restrictcasecreation", "description", "startdate", "enddate");

    @Bean
    ActionHandler renewEntitlement() {
        ActionDefinition d = new ActionDefinition(ServiceMessages.RENEW_ENTITLEMENT, "entitlement", false,
                List.of(Parameter.required(ServiceMessages.STATUS, "Int32")),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "entitlement", false)));
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return d;
            }

            @Override
            public void validate(ActionRequest request, PluginContext context) {
                if (request.target() == null || !"entitlement".equals(request.target().logicalName())) {
                    throw RapportException.invalid("RenewEntitlement is bound to an entitlement.");
                }
                if (!(request.parameter(ServiceMessages.STATUS) instanceof Integer)) {
                    throw RapportException.invalid("The parameter Status is required and must be a whole number.");
                }
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.reference(new EntityReference("entitlement", request.target().id()),
                        Privilege.WRITE));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                List<String> read = new java.util.ArrayList<>(COPIED);
                read.add("statecode");
                Entity original = context.service().retrieve("entitlement", request.target().id(),
                        ColumnSet.of(read.toArray(String[]::new)));
                int state = original.getInteger("statecode");
                if (state != ACTIVE && state != EXPIRED) {
                    throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The entitlement '"
                            + original.getString("name") + "' is " + StateReasons.label(context, "entitlement", state)
                            + "; only an active or expired entitlement can be renewed.", "statecode");
                }
                int status = StateReasons.requireStatus(context, "entitlement", DRAFT,
                        request.parameter(ServiceMessages.STATUS), ServiceMessages.STATUS);
                LocalDate start = (LocalDate) original.get("startdate");
                LocalDate end = (LocalDate) original.get("enddate");
                long shift = start != null && end != null ? ChronoUnit.DAYS.between(start, end) + 1 : 0;
                Entity copy = new Entity("entitlement");
                for (String a : COPIED) {
                    Object v = original.get(a);
                    copy.set(a, v instanceof LocalDate day ? day.plusDays(shift) : v);
                }
                copy.set("isdefault", false);
                UUID id = context.service().create(copy);
                // the channel terms come along as part of the renewal (written as the system: a representative
                // renews their entitlements without managing channel terms themselves)
                for (Entity channel : context.service().retrieveMultiple(QueryExpression.from("entitlementchannel")
                        .select("name", "channel", "totalterms").where(Condition.eq("entitlementid", original.id()))
                        .build()).entities()) {
                    reads.service(context).create(new Entity("entitlementchannel").set("name", channel.getString("name"))
                            .set("channel", channel.get("channel")).set("totalterms", channel.get("totalterms"))
                            .set("entitlementid", new EntityReference("entitlement", id)));
                }
                context.service().execute(new SetStateRequest(new EntityReference("entitlement", id), DRAFT, status));
                return new ActionResponse(Map.of(ActionDefinition.RETURNED_ENTITY, context.service().retrieve(
                        "entitlement", id, ColumnSet.of("entitlementid", "name", "startdate", "enddate",
                                "totalterms", "remainingterms", "statecode", "statuscode", "customerid"))));
            }
        };
    }
}
