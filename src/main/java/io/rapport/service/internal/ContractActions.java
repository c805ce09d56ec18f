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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's contract actions, bound to {@code contract}: {@code CancelContract} (CancelDate, Status) cancels an
 * invoiced, active or on-hold contract and its current lines; {@code CloneContract} (IncludeCanceledLines) and
 * {@code RenewContract} (Status, IncludeCanceledLines) make a new draft with its lines and return it (a renewal
 * follows an active, on-hold or expired contract and starts the day after it ends).
 */
@Configuration
class ContractActions {

    @Bean
    ActionHandler cancelContract() {
        return new Bound(new ActionDefinition(ServiceMessages.CANCEL_CONTRACT, "contract", false, List.of(
                Parameter.required(ServiceMessages.CANCEL_DATE, "DateTime"),
                Parameter.required(ServiceMessages.STATUS, "Int32")), List.of()), Privilege.WRITE) {
            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                UUID id = request.target().id();
                Entity contract = context.service().retrieve("contract", id, ColumnSet.of("title", "statecode"));
                int state = contract.getInteger("statecode");
                if (state != Contracts.INVOICED && state != Contracts.ACTIVE && state != Contracts.ON_HOLD) {
                    throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The contract '"
                            + contract.getString("title") + "' is " + StateReasons.label(context, "contract", state)
                            + "; only an invoiced, active or on-hold contract can be canceled.", "statecode");
                }
                int status = StateReasons.requireStatus(context, "contract", Contracts.CANCELED,
                        request.parameter(ServiceMessages.STATUS), ServiceMessages.STATUS);
                context.service().update(new Entity("contract", id).set("cancelon", date(request)));
                for (Entity line : context.service().retrieveMultiple(QueryExpression.from("contractdetail")
                        .select("statecode").where(Condition.eq("contractid", id))
                        .where(Condition.eq("statecode", Contracts.LINE_EXISTING)).build()).entities()) {
                    context.service().execute(new SetStateRequest(line.toReference(), Contracts.LINE_CANCELED,
                            Contracts.LINE_CANCELED_STATUS));
                }
                context.service().execute(new SetStateRequest(contract.toReference(), Contracts.CANCELED, status));
                return new ActionResponse(Map.of());
            }
        };
    }

    @Bean
    ActionHandler cloneContract() {
        return new Bound(new ActionDefinition(ServiceMessages.CLONE_CONTRACT, "contract", false, List.of(
                Parameter.required(ServiceMessages.INCLUDE_CANCELED_LINES, "Boolean")), returns()), Privilege.READ) {
            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                UUID id = ContractCopies.copy(context.service(), request.target().id(), ContractCopies.flag(
                        request.parameter(ServiceMessages.INCLUDE_CANCELED_LINES),
                        ServiceMessages.INCLUDE_CANCELED_LINES), false);
                return result(context, id);
            }
        };
    }

    @Bean
    ActionHandler renewContract() {
        return new Bound(new ActionDefinition(ServiceMessages.RENEW_CONTRACT, "contract", false, List.of(
                Parameter.required(ServiceMessages.STATUS, "Int32"),
                Parameter.required(ServiceMessages.INCLUDE_CANCELED_LINES, "Boolean")), returns()), Privilege.READ) {
            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                Entity contract = context.service().retrieve("contract", request.target().id(),
                        ColumnSet.of("title", "statecode"));
                int state = contract.getInteger("statecode");
                if (state != Contracts.ACTIVE && state != Contracts.ON_HOLD && state != Contracts.EXPIRED) {
                    throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The contract '"
                            + contract.getString("title") + "' is " + StateReasons.label(context, "contract", state)
                            + "; only an active, on-hold or expired contract can be renewed.", "statecode");
                }
                StateReasons.requireStatus(context, "contract", Contracts.DRAFT, request.parameter(ServiceMessages.STATUS),
                        ServiceMessages.STATUS);
                UUID id = ContractCopies.copy(context.service(), contract.id(), ContractCopies.flag(
                        request.parameter(ServiceMessages.INCLUDE_CANCELED_LINES),
                        ServiceMessages.INCLUDE_CANCELED_LINES), true);
                return result(context, id);
            }
        };
    }

    private static List<Parameter> returns() {
        return List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "contract", false));
    }

    private static ActionResponse result(PluginContext context, UUID id) {
        return new ActionResponse(Map.of(ActionDefinition.RETURNED_ENTITY, context.service().retrieve("contract", id,
                ColumnSet.of("contractid", "title", "contractnumber", "activeon", "expireson", "statecode",
                        "statuscode", "originatingcontract"))));
    }

    private static LocalDate date(ActionRequest request) {
        Object value = request.parameter(ServiceMessages.CANCEL_DATE);
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o.toLocalDate();
        }
        if (value instanceof String s) {
            try {
                return s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toLocalDate();
            } catch (java.time.format.DateTimeParseException e) {
                throw RapportException.invalid("The parameter CancelDate must be a date: " + s);
            }
        }
        throw RapportException.invalid("The parameter CancelDate is required.");
    }

    /** An action bound to a contract that needs the privilege on it (creating the copies checks Create itself). */
    private abstract static class Bound implements ActionHandler {
        private final ActionDefinition definition;
        private final Privilege privilege;

        Bound(ActionDefinition definition, Privilege privilege) {
            this.definition = definition;
            this.privilege = privilege;
        }

        @Override
        public ActionDefinition definition() {
            return definition;
        }

        @Override
        public void validate(ActionRequest request, PluginContext context) {
            if (request.target() == null || !"contract".equals(request.target().logicalName())) {
                throw RapportException.invalid(definition.name() + " is bound to a contract.");
            }
            if (definition.parameters().stream().anyMatch(p -> p.name().equals(ServiceMessages.STATUS))
                    && !(request.parameter(ServiceMessages.STATUS) instanceof Integer)) {
                throw RapportException.invalid("The parameter Status is required and must be a whole number.");
            }
        }

        @Override
        public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
            return List.of(AccessDemand.reference(new EntityReference("contract", request.target().id()), privilege));
        }
    }
}
