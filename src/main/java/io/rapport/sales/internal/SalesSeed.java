package io.rapport.sales.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationSeeds;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.OrganizationSettings;
import io.rapport.sales.internal.transactions.DocumentNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Creates the sales module's default data through the pipeline once the organization exists (after every
 * singleton is ready, before the web server opens): attribute maps for qualifying leads, connection roles and
 * duplicate detection rules, the standard system views, and the prefixes of quote, order and invoice numbers on the
 * organization record while they are empty (from {@code rapport.sales.documents}). Each part checks before creating, so restarts change nothing and edits stay;
 * alternate keys make a second node starting at the same time fail harmlessly instead of duplicating.
 */
@Component
class SalesSeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SalesSeed.class);
    private static final String DEFAULTS = "Sales defaults";

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final OrganizationSettings settings;
    private final DocumentNumbers numbers;
    private volatile boolean running;

    SalesSeed(OrganizationService organization, CallerProvider callers, OrganizationSettings settings,
            DocumentNumbers numbers) {
        this.organization = organization;
        this.callers = callers;
        this.settings = settings;
        this.numbers = numbers;
    }

    @Override
    public void start() {
        OrganizationService system = organization.as(callers.system().withChannel(Channel.SYSTEM));
        int created = 0;
        created += OrganizationSeeds.tolerant(DEFAULTS, () -> SeedAttributeMaps.seed(system));
        created += OrganizationSeeds.tolerant(DEFAULTS, () -> SeedConnectionRoles.seed(system));
        created += OrganizationSeeds.tolerant(DEFAULTS, () -> SeedDuplicateRules.seed(system));
        created += OrganizationSeeds.tolerant(DEFAULTS, () -> SeedSystemViews.seed(system));
        created += settings.fillEmpty(system, numbers.initialPrefixes());
        if (created > 0) {
            log.info("Sales defaults created records={}", created);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts in a later phase). */
    @Override
    public int getPhase() {
        return 0;
    }
}
