package io.rapport.service.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationSeeds;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.OrganizationSettings;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The service module's default data, created through the pipeline at start (after the organization exists, before
 * the web server opens): the attribute maps from a customer to a new case or contract, the default subject, and the
 * prefixes of case and contract numbers on the organization record while they are empty (CAS, CNR).
 * A source/target pair is seeded only while it has no maps at all, so that maps an administrator changed stay.
 */
@Component
class ServiceSeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceSeed.class);

    /** source entity → target entity → source attribute → target attribute. */
    static final Map<String, Map<String, Map<String, String>>> MAPS = Map.of(
            "account", Map.of("incident", Map.of("primarycontactid", "primarycontactid"),
                    "contract", Map.of("transactioncurrencyid", "transactioncurrencyid")),
            "contact", Map.of("contract", Map.of("transactioncurrencyid", "transactioncurrencyid")));

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final OrganizationSettings settings;
    private volatile boolean running;

    ServiceSeed(OrganizationService organization, CallerProvider callers, OrganizationSettings settings) {
        this.organization = organization;
        this.callers = callers;
        this.settings = settings;
    }

    @Override
    public void start() {
        OrganizationService system = organization.as(callers.system().withChannel(Channel.SYSTEM));
        int created = OrganizationSeeds.tolerant("Service defaults", () -> seedMaps(system) + seedSubject(system));
        created += settings.fillEmpty(system, ServiceNumbers.INITIAL_PREFIXES);
        if (created > 0) {
            log.info("Service defaults created records={}", created);
        }
        running = true;
    }

    private static int seedMaps(OrganizationService system) {
        int created = 0;
        for (var source : new java.util.TreeMap<>(MAPS).entrySet()) {
            for (var target : new java.util.TreeMap<>(source.getValue()).entrySet()) {
                if (system.retrieveMultiple(QueryExpression.from("attributemap").columns(ColumnSet.none())
                        .where(Condition.eq("sourceentityname", source.getKey()))
                        .where(Condition.eq("targetentityname", target.getKey())).top(1).build())
                        .entities().size() == 1) {
                    continue;
                }
                for (var map : new java.util.TreeMap<>(target.getValue()).entrySet()) {
                    system.create(new Entity("attributemap").set("sourceentityname", source.getKey())
                            .set("targetentityname", target.getKey()).set("sourceattributename", map.getKey())
                            .set("targetattributename", map.getValue()));
                    created++;
                }
            }
        }
        return created;
    }

    private static int seedSubject(OrganizationService system) {
        List<Entity> any = system.retrieveMultiple(QueryExpression.from("subject").columns(ColumnSet.none())
                .top(1).build()).entities();
        if (!any.isEmpty()) {
            return 0;
        }
        system.create(new Entity("subject").set("title", "Default Subject"));
        return 1;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
