package io.rapport.marketing.internal;

import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingListMembers;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a quick campaign: reads the members as the user who started it, a page at a time in primary-key order, and
 * per page (one transaction) creates the activities with one CreateMultiple (the pipeline's batch path), logs the
 * skipped members (inactive, or whose preferences forbid the channel) and failed ones, and stores the counts, so
 * the progress bar moves page by page. A canceled campaign stops before its next page.
 */
@Component
class QuickCampaignRunner {

    static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(QuickCampaignRunner.class);
    private static final Map<String, String> PREFERENCE = Map.of("phonecall", "donotphone", "email", "donotemail",
            "letter", "donotpostalmail", "fax", "donotfax");
    private static final Map<String, int[]> COMPLETED = Map.of("phonecall", new int[] {1, 2}, "email",
            new int[] {1, 2}, "letter", new int[] {1, 4}, "fax", new int[] {1, 3}, "task", new int[] {1, 5},
            "appointment", new int[] {1, 3});

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final TransactionTemplate pageTx;
    private final TransactionTemplate rowTx;

    QuickCampaignRunner(OrganizationService organization, CallerProvider callers,
            PlatformTransactionManager transactions) {
        this.organization = organization;
        this.callers = callers;
        this.pageTx = new TransactionTemplate(transactions);
        this.rowTx = new TransactionTemplate(transactions);
        this.rowTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Counts of one run, written to the bulkoperation after every page. */
    private static final class Counts {
        int created;
        int failed;
    }

    private static final class Canceled extends RuntimeException {
        Canceled() {
            super(null, null, false, false);
        }
    }

    void run(UUID id) {
        OrganizationService system = organization.as(callers.system());
        Entity operation = system.retrieve("bulkoperation", id, ColumnSet.of("parameters", "statuscode", "ownerid",
                "successcount", "failurecount"));
        int status = operation.getInteger("statuscode");
        if (status != MarketingLists.BULK_PENDING && status != MarketingLists.BULK_IN_PROGRESS) {
            return;
        }
        // In Progress: a run that stopped (the node died) resumes after its last committed page
        QuickCampaignSpec started = QuickCampaignSpec.parse(operation.getString("parameters"));
        EntityReference owner = operation.getReference("ownerid");
        OrganizationService caller = organization.as(callers.forUser(started.callerId(), Channel.SYSTEM));
        Counts counts = new Counts();
        if (status == MarketingLists.BULK_IN_PROGRESS) {
            counts.created = operation.getInteger("successcount") == null ? 0 : operation.getInteger("successcount");
            counts.failed = operation.getInteger("failurecount") == null ? 0 : operation.getInteger("failurecount");
        }
        try {
            QueryExpression members = members(caller, started);
            if (status == MarketingLists.BULK_PENDING) {
                int total = caller.count(members);
                system.update(new Entity("bulkoperation", id).set("targetmemberscount", total)
                        .set("actualstart", Instant.now()).set("statuscode", MarketingLists.BULK_IN_PROGRESS));
            }
            List<String> columns = new ArrayList<>(List.of("statecode", "ownerid"));
            if (PREFERENCE.containsKey(started.activityEntity())) {
                columns.add(PREFERENCE.get(started.activityEntity()));
            }
            QuickCampaignSpec[] spec = {started};
            MarketingListMembers.forEachPage(caller, members, ColumnSet.of(columns), PAGE, started.doneThrough(),
                    page -> pageTx.executeWithoutResult(s -> spec[0] = page(system, caller, id, owner, spec[0], page,
                            counts)));
            finish(system, id, counts, 1, MarketingLists.BULK_COMPLETED);
        } catch (Canceled e) {
            log.info("quick campaign canceled bulkoperation={} created={} failed={}", id, counts.created,
                    counts.failed);
        } catch (RapportException e) {
            log.warn("quick campaign aborted bulkoperation={} code={}", id, e.code(), e);
            log(system, id, owner, e.getMessage());
            finish(system, id, counts, 1, MarketingLists.BULK_ABORTED);
        }
    }

    private static QueryExpression members(OrganizationService caller, QuickCampaignSpec spec) {
        if (spec.listId() != null) {
            Entity list = caller.retrieve("list", spec.listId(), ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
            return MarketingListMembers.query(list);
        }
        return MarketingListMembers.dynamicQuery(spec.fetchXml(), spec.memberEntity(), "quick campaign");
    }

    /**
     * One page in one transaction: its activities, its log entries and the progress (counts and the last member
     * done), so that the page is either done and recorded or not done at all. Returns the spec with the page done.
     */
    private QuickCampaignSpec page(OrganizationService system, OrganizationService caller, UUID id,
            EntityReference owner, QuickCampaignSpec spec, List<Entity> page, Counts counts) {
        Entity now = system.retrieve("bulkoperation", id, ColumnSet.of("statuscode"));
        if (now.getInteger("statuscode") == MarketingLists.BULK_CANCELED) {
            throw new Canceled();
        }
        List<Entity> activities = new ArrayList<>();
        List<Entity> logs = new ArrayList<>();
        for (Entity member : page) {
            String reason = skipReason(spec, member);
            if (reason != null) {
                logs.add(logEntry(id, member.toReference(), reason));
            } else {
                activities.add(activity(spec, member));
            }
        }
        counts.created += create(caller, id, activities, logs);
        counts.failed += logs.size();
        if (!logs.isEmpty()) {
            logs.forEach(entry -> entry.set("ownerid", owner));
            system.execute(new CreateMultipleRequest(logs));
        }
        QuickCampaignSpec done = spec.doneThrough(page.get(page.size() - 1).id());
        system.update(new Entity("bulkoperation", id).set("successcount", counts.created)
                .set("failurecount", counts.failed).set("parameters", done.json()));
        return done;
    }

    /** Inactive members, and those whose contact preferences forbid the channel, are skipped. */
    static String skipReason(QuickCampaignSpec spec, Entity member) {
        Integer state = member.getInteger("statecode");
        boolean inactive = "lead".equals(member.logicalName()) ? Integer.valueOf(1).equals(state)
                : state != null && state != 0;
        if (inactive) {
            return "Skipped: the " + member.logicalName() + " is not active.";
        }
        String preference = PREFERENCE.get(spec.activityEntity());
        if (preference != null && Boolean.TRUE.equals(member.get(preference))) {
            return "Skipped: the " + member.logicalName() + "'s preferences do not allow " + channel(spec) + " ("
                    + preference + ").";
        }
        return null;
    }

    private static String channel(QuickCampaignSpec spec) {
        return switch (spec.activityEntity()) {
            case "phonecall" -> "phone calls";
            case "email" -> "emails";
            case "letter" -> "mail";
            default -> "faxes";
        };
    }

    private static Entity activity(QuickCampaignSpec spec, Entity member) {
        Entity a = new Entity(spec.activityEntity()).set("subject", spec.subject())
                .set("regardingobjectid", member.toReference());
        if (spec.description() != null) {
            a.set("description", spec.description());
        }
        if (spec.scheduledEnd() != null) {
            Instant due = Instant.parse(spec.scheduledEnd());
            a.set("scheduledend", due);
            if ("appointment".equals(spec.activityEntity())) {
                a.set("scheduledstart", due.minusSeconds(60L * (spec.durationMinutes() == null ? 30
                        : spec.durationMinutes())));
            }
        }
        if (spec.durationMinutes() != null) {
            a.set("scheduleddurationminutes", spec.durationMinutes());
        }
        if (spec.ownership() == MarketingLists.OWNER_MEMBER && member.get("ownerid") instanceof EntityReference o) {
            a.set("ownerid", o);
        }
        if (spec.completed()) {
            int[] closed = COMPLETED.get(spec.activityEntity());
            a.set("statecode", closed[0]).set("statuscode", closed[1]);
        }
        return a;
    }

    /**
     * Creates the activities in one CreateMultiple; when the batch is refused, one by one so that each refused
     * member is logged with its reason and the others are still created. Returns how many were created.
     */
    private int create(OrganizationService caller, UUID id, List<Entity> activities, List<Entity> logs) {
        if (activities.isEmpty()) {
            return 0;
        }
        try {
            rowTx.executeWithoutResult(s -> caller.execute(new CreateMultipleRequest(activities)));
            return activities.size();
        } catch (RapportException batch) {
            int created = 0;
            for (Entity a : activities) {
                try {
                    rowTx.executeWithoutResult(s -> caller.create(a));
                    created++;
                } catch (RapportException e) {
                    logs.add(logEntry(id, (EntityReference) a.get("regardingobjectid"), "Failed: " + e.getMessage()));
                }
            }
            return created;
        }
    }

    private static Entity logEntry(UUID id, EntityReference member, String reason) {
        Entity entry = new Entity("bulkoperationlog").set("bulkoperationid", new EntityReference("bulkoperation", id))
                .set("errordescription", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .set("name", reason.length() > 400 ? reason.substring(0, 400) : reason);
        if (member != null) {
            entry.set("regardingobjectid", member);
        }
        return entry;
    }

    private void log(OrganizationService system, UUID id, EntityReference owner, String reason) {
        try {
            system.create(logEntry(id, null, reason).set("ownerid", owner));
        } catch (RapportException e) {
            log.warn("quick campaign log entry refused bulkoperation={} code={}", id, e.code());
        }
    }

    private static void finish(OrganizationService system, UUID id, Counts counts, int state, int status) {
        system.update(new Entity("bulkoperation", id).set("successcount", counts.created)
                .set("failurecount", counts.failed).set("actualend", Instant.now()));
        system.execute(new SetStateRequest(new EntityReference("bulkoperation", id), state, status));
    }
}
