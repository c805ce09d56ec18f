package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.jobs.JobScheduler;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts quick campaigns for PropagateByExpression and CreateActivitiesList: checks the activity, creates the
 * bulkoperation (Pending) with its parameters and schedules the job that creates the activities once the message
 * commits. A refused start leaves nothing behind.
 */
@Component
class QuickCampaigns {

    private final MarketingReads reads;
    private final JobScheduler jobs;
    private final QuickCampaignJob job;

    QuickCampaigns(MarketingReads reads, @Lazy JobScheduler jobs, QuickCampaignJob job) {
        this.reads = reads;
        this.jobs = jobs;
        this.job = job;
    }

    /** The activity to distribute, checked: one of the six types, with a subject. */
    static Entity activity(Object value) {
        if (!(value instanceof Entity activity) || !MarketingLists.ACTIVITY_TYPES.containsKey(activity.logicalName())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter Activity must be a phonecall, "
                    + "email, letter, fax, task or appointment record (with @odata.type).");
        }
        if (activity.getString("subject") == null || activity.getString("subject").isBlank()) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING,
                    "The activity of a quick campaign needs a subject.", "subject");
        }
        if (activity.get("scheduleddurationminutes") != null
                && !(activity.get("scheduleddurationminutes") instanceof Integer d && d >= 0)) {
            throw new RapportException(ErrorCode.VALUE_OUT_OF_RANGE,
                    "The duration (scheduleddurationminutes) must be a whole number of minutes, 0 or more.",
                    "scheduleddurationminutes");
        }
        return activity;
    }

    static int ownership(Object value) {
        if (value == null) {
            return MarketingLists.OWNER_CALLER;
        }
        String text = value instanceof Number n ? Integer.toString(n.intValue()) : String.valueOf(value).trim();
        return switch (text) {
            case "0", "None", "1", "Caller" -> MarketingLists.OWNER_CALLER;
            case "2", "ListMemberOwner" -> MarketingLists.OWNER_MEMBER;
            default -> throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter OwnershipOptions must be "
                    + "None, Caller or ListMemberOwner (0, 1 or 2).");
        };
    }

    /** Creates the pending bulkoperation and schedules its job; returns its id. */
    UUID start(PluginContext context, String name, String memberEntity, String fetchXml, EntityReference list,
            Entity activity, int ownership, boolean completed) {
        if (name == null || name.isBlank()) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A quick campaign needs a name "
                    + "(FriendlyName).", "subject");
        }
        Object due = activity.get("scheduledend");
        QuickCampaignSpec spec = new QuickCampaignSpec(memberEntity, fetchXml, list == null ? null : list.id(),
                activity.logicalName(), activity.getString("subject"), activity.getString("description"),
                due instanceof Instant at ? at.toString() : null,
                activity.get("scheduleddurationminutes") instanceof Integer d ? d : null, ownership,
                context.caller().userId(), completed);
        Entity operation = new Entity("bulkoperation").set("subject", name.trim())
                .set("operationtypecode", 7)
                .set("createdrecordtypecode", MarketingLists.ACTIVITY_TYPES.get(activity.logicalName()))
                .set("targetedrecordtypecode", MarketingLists.memberType(memberEntity).orElseThrow())
                .set("ownerid", new EntityReference("systemuser", context.caller().userId()))
                .set("parameters", spec.json());
        if (list != null) {
            operation.set("regardingobjectid", list);
        }
        UUID id = reads.system(context).create(operation);
        jobs.schedule(job, id.toString(), id.toString());
        return id;
    }

    static Map<String, Object> response(UUID id) {
        return Map.of(MarketingLists.BULK_OPERATION_ID, id);
    }
}
