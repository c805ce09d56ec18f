package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Entitlements on cases. A new entitlement or channel starts with all its terms remaining. A new case without one
 * gets its customer's active default entitlement covering today; a named entitlement must be active, the customer's
 * and current. Terms go down by one case, or by the hours spent (entitlements in hours), when the case is created or
 * resolved as the entitlement says, on the entitlement and on the terms of the case's channel (its origin); an
 * entitlement restricting case creation refuses a case when nothing remains. Written as the system.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 50)
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.POST_OPERATION, order = 40)
@PluginStep(messages = Messages.CREATE, entity = "entitlement", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.CREATE, entity = "entitlementchannel", stage = Stage.PRE_OPERATION, order = 10)
class EntitlementTerms implements Plugin, CaseResolutionStep {

    static final int CASES = 0;
    static final int HOURS = 1;
    static final int ON_RESOLUTION = 0;
    static final int ON_CREATION = 1;
    private static final String CHECKED = "service.entitlement.checked.";

    private final ServiceReads reads;
    private final DefaultEntitlements defaults;
    private final Clock clock;

    EntitlementTerms(ServiceReads reads, DefaultEntitlements defaults, Clock clock) {
        this.reads = reads;
        this.defaults = defaults;
        this.clock = clock;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (!context.entityName().equals("incident")) {
            if (target.get("totalterms") != null) {
                target.set("remainingterms", target.get("totalterms"));
            }
            return;
        }
        if (context.stage() == Stage.POST_OPERATION) {
            if (target.get("entitlementid") instanceof EntityReference ref) {
                // checked in pre-operation a moment ago, in this transaction: not read again
                Object checked = context.sharedVariables().remove(CHECKED + target.id());
                Entity entitlement = checked instanceof Entity e && e.id().equals(ref.id()) ? e
                        : read(reads.service(context), ref.id()).orElseThrow();
                if (Objects.equals(entitlement.getInteger("decreaseremainingon"), ON_CREATION)) {
                    decrease(reads.service(context), entitlement, target.getInteger("caseorigincode"), 0);
                }
            }
            return;
        }
        OrganizationService system = reads.service(context);
        EntityReference customer = (EntityReference) target.get("customerid");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Entity entitlement;
        if (target.get("entitlementid") instanceof EntityReference ref) {
            entitlement = read(system, ref.id()).orElseThrow(() -> new RapportException(ErrorCode.INVALID_ARGUMENT,
                    "The entitlement does not exist.", "entitlementid"));
        } else if (customer != null && defaults.mayHave(context, customer)) {
            entitlement = system.retrieveMultiple(query().where(Condition.eq("customerid", customer.id()))
                    .where(Condition.eq("isdefault", true)).where(Condition.eq("statecode", 0))
                    .where(Filter.or(Condition.of("startdate", ConditionOperator.NULL),
                            Condition.of("startdate", ConditionOperator.LESS_EQUAL, today)))
                    .where(Filter.or(Condition.of("enddate", ConditionOperator.NULL),
                            Condition.of("enddate", ConditionOperator.GREATER_EQUAL, today))).top(1).build())
                    .entities().stream().findFirst().orElse(null);
            if (entitlement == null) {
                return;
            }
            target.set("entitlementid", entitlement.toReference());
        } else {
            return;
        }
        List<String> wrong = new ArrayList<>();
        String name = "'" + entitlement.getString("name") + "'";
        if (entitlement.getInteger("statecode") != 0) {
            wrong.add("The entitlement " + name + " is not active.");
        }
        if (customer == null || !customer.id().equals(entitlement.getReference("customerid").id())) {
            wrong.add("The entitlement " + name + " belongs to another customer than the case's.");
        }
        if (entitlement.get("startdate") instanceof LocalDate s && today.isBefore(s)
                || entitlement.get("enddate") instanceof LocalDate e && today.isAfter(e)) {
            wrong.add("The entitlement " + name + " does not cover today.");
        }
        if (Boolean.TRUE.equals(entitlement.get("restrictcasecreation")) && left(entitlement.get("remainingterms"))) {
            wrong.add("The entitlement " + name + " has no terms left.");
        }
        if (!wrong.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, String.join(" ", wrong), "entitlementid");
        }
        context.sharedVariables().put(CHECKED + target.id(), entitlement);
    }

    private static boolean left(Object remaining) {
        return remaining instanceof BigDecimal r && r.signum() <= 0;
    }

    @Override
    public void resolving(PluginContext context, UUID incident, int minutesSpent) {
        OrganizationService system = reads.service(context);
        Entity c = reads.find(context, "incident", incident, "entitlementid", "caseorigincode").orElseThrow();
        if (!(c.get("entitlementid") instanceof EntityReference ref)) {
            return;
        }
        Entity entitlement = read(system, ref.id()).orElseThrow();
        if (Objects.equals(entitlement.getInteger("decreaseremainingon"), ON_RESOLUTION)) {
            decrease(system, entitlement, c.getInteger("caseorigincode"), minutesSpent);
        }
    }

    private static QueryExpression.Builder query() {
        return QueryExpression.from("entitlement").select("name", "customerid", "statecode", "startdate", "enddate",
                "allocationtypecode", "decreaseremainingon", "remainingterms", "restrictcasecreation");
    }

    private static Optional<Entity> read(OrganizationService system, UUID id) {
        return system.retrieveMultiple(query().where(Condition.eq("entitlementid", id)).top(1).build()).entities()
                .stream().findFirst();
    }

    private static void decrease(OrganizationService system, Entity entitlement, Integer channel, int minutes) {
        BigDecimal used = Objects.equals(entitlement.getInteger("allocationtypecode"), HOURS)
                ? BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP) : BigDecimal.ONE;
        BigDecimal remaining = entitlement.get("remainingterms") instanceof BigDecimal r ? r : BigDecimal.ZERO;
        system.update(new Entity("entitlement", entitlement.id()).set("remainingterms", remaining.subtract(used)));
        if (channel == null) {
            return;
        }
        for (Entity terms : system.retrieveMultiple(QueryExpression.from("entitlementchannel").select("remainingterms")
                .where(Condition.eq("entitlementid", entitlement.id())).where(Condition.eq("channel", channel))
                .build()).entities()) {
            BigDecimal left = terms.get("remainingterms") instanceof BigDecimal r ? r : BigDecimal.ZERO;
            system.update(new Entity("entitlementchannel", terms.id()).set("remainingterms", left.subtract(used)));
        }
    }
}
