package io.rapport.service.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * SLA KPIs on cases ({@code slakpiinstance}), measured in the business hours of the SLA's calendar: started when a
 * case gets an SLA (its own {@code slaid}, else the active default SLA) with one KPI per applicable item; paused while
 * the case is On Hold or Waiting for Details and resumed with the failure and warning times moved by the business time
 * spent paused; succeeded on first response or resolution in time; moved to Nearing Noncompliance and Noncompliant by
 * the timer job ({@link #pass}), which runs each item's warning or failure action. All writes as the system.
 */
@Component
class SlaTimers implements CaseResolutionStep {

    static final int IN_PROGRESS = 0;
    static final int NONCOMPLIANT = 1;
    static final int NEARING = 2;
    static final int PAUSED = 3;
    static final int SUCCEEDED = 4;
    static final int CANCELED = 5;
    static final int FIRST_RESPONSE = 1;
    private static final int PAGE = 1000;

    private final ServiceReads reads;
    private final Clock clock;
    private final SlaCalendars calendars;
    private final DefaultSla defaults;

    SlaTimers(ServiceReads reads, Clock clock, SlaCalendars calendars, DefaultSla defaults) {
        this.reads = reads;
        this.clock = clock;
        this.calendars = calendars;
        this.defaults = defaults;
    }

    /** Starts the KPIs of the case's SLA (or the default one) from the given instant; none without an SLA. */
    void start(OrganizationService system, UUID incident, Instant from) {
        Entity c = system.retrieve("incident", incident, ColumnSet.of("slaid", "prioritycode"));
        start(system, incident, c.getReference("slaid"), c.getInteger("prioritycode"), from);
    }

    /**
     * Starts the KPIs of a case whose SLA and priority are known (a case just created: its post image), without
     * reading the case again.
     */
    void start(OrganizationService system, UUID incident, EntityReference slaRef, Integer priority, Instant from) {
        Entity caseChange = new Entity("incident", incident);
        List<Entity> kpis = plan(system, caseChange, slaRef, priority, from, true);
        kpis.forEach(system::create);
        if (caseChange.attributes().size() > 0) {
            system.update(caseChange);
        }
    }

    /**
     * For a case about to be inserted (pre-operation of its create): sets its {@code slaid} (the default SLA when it
     * names none), {@code resolveby} and {@code responseby} on the record being written, so that no second write of
     * the case follows, and answers the KPIs to create once the row exists. {@code null} when an item of the SLA has
     * an applicable-when condition, which is a query over the stored case: then {@link #start} runs after the insert.
     */
    List<Entity> prepare(OrganizationService system, Entity newCase, Instant from) {
        return plan(system, newCase, newCase.getReference("slaid"), newCase.getInteger("prioritycode"), from, false);
    }

    private List<Entity> plan(OrganizationService system, Entity caseValues, EntityReference slaRef, Integer priority,
            Instant from, boolean stored) {
        DefaultSla.Definition definition = slaRef != null
                ? active(system, system.retrieve("sla", slaRef.id(), ColumnSet.of("businesshoursid", "statecode")))
                : defaults.get(() -> Optional.ofNullable(active(system, system.retrieveMultiple(QueryExpression
                        .from("sla").select("businesshoursid", "statecode").where(Condition.eq("isdefault", true))
                        .where(Condition.eq("statecode", 1)).top(1).build()).entities().stream().findFirst()
                        .orElse(null)))).orElse(null);
        if (definition == null) {
            return List.of();
        }
        Entity sla = definition.sla();
        List<Entity> items = definition.items();
        if (!stored && items.stream().anyMatch(i -> i.getString("applicablewhenxml") != null
                && !i.getString("applicablewhenxml").isBlank())) {
            return null;
        }
        UUID incident = caseValues.id();
        BusinessHours hours = calendars.of(system, sla.getReference("businesshoursid"));
        if (slaRef == null) {
            caseValues.set("slaid", sla.toReference());
        }
        List<Entity> kpis = new java.util.ArrayList<>();
        for (Entity item : items) {
            Integer when = item.getInteger("applicableprioritycode");
            if (when != null && !when.equals(priority)) {
                continue;
            }
            String condition = item.getString("applicablewhenxml");
            if (condition != null && !condition.isBlank()
                    && !SlaSettingsPlugin.applies(system, SlaSettingsPlugin.condition(condition), incident)) {
                continue;
            }
            Entity kpi = new Entity("slakpiinstance").set("name", item.getString("name"))
                    .set("regarding", new EntityReference("incident", incident)).set("slaitemid", item.toReference())
                    .set("applicablefromvalue", from).set("elapsedpausedminutes", 0).set("status", IN_PROGRESS);
            times(kpi, item, hours, from, 0);
            kpis.add(kpi);
            caseValues.set(item.getInteger("relatedfield") == FIRST_RESPONSE ? "responseby" : "resolveby",
                    kpi.get("failuretime"));
        }
        return kpis;
    }

    /** The SLA with its items when it is active, else {@code null}. */
    private static DefaultSla.Definition active(OrganizationService system, Entity sla) {
        return sla == null || sla.getInteger("statecode") != 1 ? null
                : new DefaultSla.Definition(sla, items(system, sla.id()));
    }

    private static List<Entity> items(OrganizationService system, UUID sla) {
        return system.retrieveMultiple(QueryExpression.from("slaitem").select("name", "relatedfield",
                "applicableprioritycode", "applicablewhenxml", "failureafter", "warnafter", "failureaction", "warningaction")
                .where(Condition.eq("slaid", sla)).build()).entities();
    }

    private static void times(Entity kpi, Entity item, BusinessHours hours, Instant from, int paused) {
        kpi.set("failuretime", hours.plus(from, Duration.ofMinutes(item.getInteger("failureafter") + paused)));
        Integer warn = item.getInteger("warnafter");
        kpi.set("warningtime", warn == null ? null : hours.plus(from, Duration.ofMinutes(warn + paused)));
    }

    private static List<Entity> kpis(OrganizationService system, UUID incident, Object... statuses) {
        return system.retrieveMultiple(QueryExpression.from("slakpiinstance").select("name", "slaitemid", "status",
                "applicablefromvalue", "failuretime", "warningtime", "pausedon", "elapsedpausedminutes", "regarding")
                .where(Condition.eq("regarding", incident))
                .where(Condition.of("status", ConditionOperator.IN, statuses)).build()).entities();
    }

    /** The case went On Hold or Waiting for Details: its running KPIs pause. */
    void pause(OrganizationService system, UUID incident, Instant at) {
        for (Entity kpi : kpis(system, incident, IN_PROGRESS, NEARING)) {
            system.update(new Entity("slakpiinstance", kpi.id()).set("status", PAUSED).set("pausedon", at));
        }
    }

    /** The case is worked on again: paused KPIs resume with their times moved by the business time paused. */
    void resume(OrganizationService system, UUID incident, Instant at) {
        Entity caseChange = new Entity("incident", incident);
        for (Entity kpi : kpis(system, incident, PAUSED)) {
            Entity item = system.retrieve("slaitem", kpi.getReference("slaitemid").id(), ColumnSet.of("slaid",
                    "failureafter", "warnafter", "relatedfield"));
            Entity sla = system.retrieve("sla", item.getReference("slaid").id(), ColumnSet.of("businesshoursid"));
            BusinessHours hours = calendars.of(system, sla.getReference("businesshoursid"));
            int paused = kpi.getInteger("elapsedpausedminutes")
                    + (int) hours.between(kpi.getInstant("pausedon"), at).toMinutes();
            Entity change = new Entity("slakpiinstance", kpi.id()).set("elapsedpausedminutes", paused)
                    .set("pausedon", null);
            times(change, item, hours, kpi.getInstant("applicablefromvalue"), paused);
            Instant failure = change.getInstant("failuretime");
            Instant warning = change.getInstant("warningtime");
            change.set("status", !at.isBefore(failure) ? NONCOMPLIANT
                    : warning != null && !at.isBefore(warning) ? NEARING : IN_PROGRESS);
            system.update(change);
            caseChange.set(item.getInteger("relatedfield") == FIRST_RESPONSE ? "responseby" : "resolveby", failure);
        }
        if (caseChange.attributes().size() > 0) {
            system.update(caseChange);
        }
    }

    /** Ends the open KPIs: succeeded when in time, else noncompliant; {@code onlyFirstResponse} for a response. */
    void succeed(OrganizationService system, UUID incident, Instant at, boolean onlyFirstResponse) {
        for (Entity kpi : kpis(system, incident, IN_PROGRESS, NEARING, PAUSED)) {
            if (onlyFirstResponse && !Objects.equals(system.retrieve("slaitem", kpi.getReference("slaitemid").id(),
                    ColumnSet.of("relatedfield")).getInteger("relatedfield"), FIRST_RESPONSE)) {
                continue;
            }
            boolean inTime = !at.isAfter(kpi.getInstant("failuretime"));
            system.update(new Entity("slakpiinstance", kpi.id()).set("status", inTime ? SUCCEEDED : NONCOMPLIANT)
                    .set("succeededon", inTime ? at : null).set("pausedon", null));
        }
    }

    /** The case was canceled: its open KPIs are canceled. */
    void cancel(OrganizationService system, UUID incident) {
        for (Entity kpi : kpis(system, incident, IN_PROGRESS, NEARING, PAUSED)) {
            system.update(new Entity("slakpiinstance", kpi.id()).set("status", CANCELED).set("pausedon", null));
        }
    }

    @Override
    public void resolving(PluginContext context, UUID incident, int minutesSpent) {
        succeed(reads.service(context), incident, Instant.now(clock), false);
    }

    /** One pass of the timer job: KPIs past their warning or failure time change status and run the action. */
    int pass(OrganizationService system, Instant now) {
        int changed = 0;
        changed += move(system, now, "failuretime", List.of(IN_PROGRESS, NEARING), NONCOMPLIANT, "failureaction");
        changed += move(system, now, "warningtime", List.of(IN_PROGRESS), NEARING, "warningaction");
        return changed;
    }

    private int move(OrganizationService system, Instant now, String time, List<Integer> from, int to,
            String action) {
        int changed = 0;
        // an SLA has a handful of items: their actions are read once per pass, not once per KPI
        Map<UUID, Optional<Integer>> actions = new HashMap<>();
        for (List<Entity> page = due(system, now, time, from); !page.isEmpty(); page = due(system, now, time, from)) {
            for (Entity kpi : page) {
                Optional<Integer> what = actions.computeIfAbsent(kpi.getReference("slaitemid").id(), item ->
                        Optional.ofNullable(system.retrieve("slaitem", item, ColumnSet.of(action))
                                .getInteger(action)));
                system.inTransaction(() -> {
                    system.update(new Entity("slakpiinstance", kpi.id()).set("status", to));
                    act(system, kpi, what.orElse(null), to == NONCOMPLIANT);
                    return null;
                });
                changed++;
            }
        }
        return changed;
    }

    private static List<Entity> due(OrganizationService system, Instant now, String time, List<Integer> statuses) {
        return system.retrieveMultiple(QueryExpression.from("slakpiinstance").select("name", "regarding",
                "slaitemid").where(Condition.of("status", ConditionOperator.IN, statuses.toArray()))
                .where(Condition.of(time, ConditionOperator.LESS_EQUAL, now)).top(PAGE).build()).entities();
    }

    private static void act(OrganizationService system, Entity kpi, Integer action, boolean failed) {
        UUID incident = kpi.getReference("regarding").id();
        if (Objects.equals(action, 1)) {
            system.update(new Entity("incident", incident).set("prioritycode", 1));
        } else if (Objects.equals(action, 2)) {
            Entity c = system.retrieve("incident", incident, ColumnSet.of("title", "ownerid"));
            system.create(new Entity("task").set("subject", (failed ? "SLA failed: " : "SLA nearing failure: ")
                    + kpi.getString("name") + " - " + c.getString("title"))
                    .set("regardingobjectid", new EntityReference("incident", incident))
                    .set("ownerid", c.getReference("ownerid")).set("prioritycode", 2));
        }
    }
}
