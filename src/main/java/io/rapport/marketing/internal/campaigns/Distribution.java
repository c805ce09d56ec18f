package io.rapport.marketing.internal.campaigns;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of DistributeCampaignActivity: creates the members' activities a batch at a time, counts them, and logs
 * each skipped member on the run's bulk operation (bulkoperationlog, written as the system user).
 */
final class Distribution {

    private final PluginContext context;
    private final Parties parties;
    private final EntityReference campaignActivity;
    private final Channel channel;
    private final Entity template;
    private final DistributeCampaignActivityAction.Ownership ownership;
    private final EntityReference owner;
    private final boolean propagate;
    private final EntityReference queue;
    private final boolean skipInactive;
    private final boolean skipOptedOut;
    private int created;
    private int skipped;
    private OrganizationService system;
    private UUID operation;
    private EntityReference operationOwner;

    Distribution(PluginContext context, Parties parties, Entity campaignActivity, Channel channel, Entity activity,
            DistributeCampaignActivityAction.Ownership ownership, EntityReference owner, boolean propagate,
            EntityReference queue) {
        this.context = context;
        this.parties = parties;
        this.campaignActivity = new EntityReference("campaignactivity", campaignActivity.id());
        this.channel = channel;
        this.ownership = ownership;
        this.owner = owner;
        this.propagate = propagate;
        this.queue = queue;
        this.skipInactive = !Boolean.FALSE.equals(campaignActivity.get("ignoreinactivelistmembers"));
        this.skipOptedOut = !Boolean.FALSE.equals(campaignActivity.get("donotsendonoptout"));
        this.template = new Entity(channel.entity);
        activity.attributes().forEach((k, v) -> {
            if (!DistributeCampaignActivityAction.notCopied().contains(k)) {
                template.set(k, v);
            }
        });
        for (String a : List.of("subject", "description", "scheduledstart", "scheduledend")) {
            if (template.get(a) == null && campaignActivity.get(a) != null
                    && context.snapshot().entity(channel.entity).hasAttribute(a)) {
                template.set(a, campaignActivity.get(a));
            }
        }
    }

    /** The bulk operation that the skipped members are logged on. */
    void logOn(OrganizationService system, UUID operation, EntityReference owner) {
        this.system = system;
        this.operation = operation;
        this.operationOwner = owner;
    }

    Channel channel() {
        return channel;
    }

    int created() {
        return created;
    }

    int skipped() {
        return skipped;
    }

    /** Creates the activities of one batch of distinct members. */
    void distribute(List<EntityReference> batch) {
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        batch.forEach(m -> byType.computeIfAbsent(m.logicalName(), k -> new ArrayList<>()).add(m.id()));
        byType.forEach((type, ids) -> {
            var meta = context.snapshot().entity(type);
            List<String> columns = new ArrayList<>(List.of("statecode", "ownerid"));
            boolean optOut = channel.optOut != null && meta.hasAttribute(channel.optOut);
            if (optOut) {
                columns.add(channel.optOut);
            }
            if (meta.hasAttribute("telephone1")) {
                columns.add("telephone1");
            }
            List<Entity> logs = new ArrayList<>();
            for (Entity member : context.service().retrieveMultiple(QueryExpression.from(type)
                    .columns(ColumnSet.of(columns)).where(Condition.of(meta.primaryIdAttribute(),
                            ConditionOperator.IN, ids.toArray())).build()).entities()) {
                boolean inactive = member.get("statecode") instanceof Integer s && s != 0;
                EntityReference ref = new EntityReference(type, member.id());
                if (skipInactive && inactive) {
                    skipped++;
                    logs.add(logEntry(ref, "Skipped: the " + type + " is not active."));
                } else if (skipOptedOut && optOut && Boolean.TRUE.equals(member.get(channel.optOut))) {
                    skipped++;
                    logs.add(logEntry(ref, "Skipped: the " + type + "'s preferences do not allow "
                            + channel.entity + " activities (" + channel.optOut + ")."));
                } else {
                    create(ref, member);
                }
            }
            if (!logs.isEmpty() && system != null) {
                system.execute(new CreateMultipleRequest(logs));
            }
        });
    }

    private Entity logEntry(EntityReference member, String reason) {
        return new Entity("bulkoperationlog").set("bulkoperationid", new EntityReference("bulkoperation", operation))
                .set("regardingobjectid", member).set("errordescription", reason).set("name", reason)
                .set("ownerid", operationOwner);
    }

    private void create(EntityReference member, Entity record) {
        Entity activity = template.copy();
        activity.setId(null);
        activity.set("regardingobjectid", campaignActivity);
        if (channel == Channel.PHONE && activity.get("phonenumber") == null && record.get("telephone1") != null) {
            activity.set("phonenumber", record.get("telephone1"));
        }
        EntityReference activityOwner = ownership == DistributeCampaignActivityAction.Ownership.LISTMEMBEROWNER
                ? record.getReference("ownerid") : owner;
        if (activityOwner != null) {
            activity.set("ownerid", new EntityReference(activityOwner.logicalName(), activityOwner.id()));
        }
        var id = context.service().create(activity);
        parties.add(context, new EntityReference(channel.entity, id), member, channel.participation);
        if (propagate && channel != Channel.EMAIL && channel != Channel.EMAIL_MAIL_MERGE) {
            context.service().execute(new SetStateRequest(new EntityReference(channel.entity, id), 1, -1));
        }
        if (queue != null) {
            context.service().execute(new ActionRequest("AddToQueue", queue, Map.of("Target",
                    new EntityReference(channel.entity, id))));
        }
        created++;
    }
}
