package io.rapport.sales.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies the active duplicate detection rules (data: {@code duplicaterule} and its conditions) to a record:
 * each rule becomes one query on the matching entity; a record matching every condition of a rule is a
 * duplicate. Text comparisons ignore case. The rules are configuration and are read as the system user; the
 * matching records are looked up as the caller, so only records the caller may read are ever found (named,
 * counted or detailed), as in Dataverse. A caller who may not read the matching entity, or a rule comparing a
 * secured attribute the caller may not read, finds nothing.
 */
@Component
class DuplicateRules {

    static final int MAX_MATCHES = 50;

    /** A record found by a rule. */
    record Match(EntityReference record, String rule) {
        Map<String, Object> toDetail() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", record.logicalName());
            m.put("id", record.id().toString());
            m.put("name", record.name());
            m.put("rule", rule);
            return m;
        }
    }

    private final SystemReads reads;
    private final AccessChecker access;

    DuplicateRules(SystemReads reads, AccessChecker access) {
        this.reads = reads;
        this.access = access;
    }

    /** The matching entities the active rules of a base entity look in. */
    List<String> matchingEntities(PluginContext context, String baseEntity) {
        return rules(reads.service(context), baseEntity, null).stream().map(r -> r.getString("matchingentityname"))
                .distinct().toList();
    }

    /** Records of {@code matchingEntity} that duplicate {@code record}, by the active rules, without the record itself. */
    List<Match> find(PluginContext context, Entity record, String matchingEntity) {
        OrganizationService service = reads.service(context);
        EntityMetadata matching = context.snapshot().entity(matchingEntity);
        if (AccessRule.NONE.equals(access.readAccess(context.caller()).ruleFor(matchingEntity))) {
            return List.of();
        }
        Set<String> unreadable = access.unreadableAttributes(context.caller(), matching);
        Map<java.util.UUID, Match> matches = new LinkedHashMap<>();
        for (Entity rule : rules(service, record.logicalName(), matchingEntity)) {
            List<Entity> conditions = service.retrieveMultiple(QueryExpression.from("duplicaterulecondition")
                    .where(Condition.eq("regardingobjectid", rule.id())).build()).entities();
            if (conditions.stream().anyMatch(c -> unreadable.contains(c.getString("matchingattributename")))) {
                continue;
            }
            Optional<Filter> filter = filter(context, record, matching, conditions);
            if (filter.isEmpty()) {
                continue;
            }
            var query = QueryExpression.from(matchingEntity)
                    .columns(ColumnSet.of(matching.primaryNameAttribute())).where(filter.get()).top(MAX_MATCHES);
            if (record.id() != null && matchingEntity.equals(record.logicalName())) {
                query.where(Condition.of(matching.primaryIdAttribute(), ConditionOperator.NOT_EQUAL, record.id()));
            }
            if (Boolean.TRUE.equals(rule.getBoolean("excludeinactiverecords")) && matching.hasStateCode()) {
                query.where(Condition.eq("statecode", 0));
            }
            for (Entity found : context.service().retrieveMultiple(query.build()).entities()) {
                matches.putIfAbsent(found.id(), new Match(new EntityReference(matchingEntity, found.id(),
                        found.getString(matching.primaryNameAttribute())), rule.getString("name")));
            }
        }
        return new ArrayList<>(matches.values()).subList(0, Math.min(matches.size(), MAX_MATCHES));
    }

    private static List<Entity> rules(OrganizationService service, String baseEntity, String matchingEntity) {
        var query = QueryExpression.from("duplicaterule").select("name", "matchingentityname", "excludeinactiverecords")
                .where(Condition.eq("baseentityname", baseEntity)).where(Condition.eq("statecode", 0));
        if (matchingEntity != null) {
            query.where(Condition.eq("matchingentityname", matchingEntity));
        }
        return service.retrieveMultiple(query.build()).entities();
    }

    /** The rule as a filter on the matching entity, or empty when the record cannot match it (blank values). */
    private static Optional<Filter> filter(PluginContext context, Entity record, EntityMetadata matching,
            List<Entity> conditions) {
        EntityMetadata base = context.snapshot().entity(record.logicalName());
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        List<Filter> all = new ArrayList<>();
        for (Entity c : conditions) {
            AttributeMetadata baseAttribute = base.findAttribute(c.getString("baseattributename")).orElse(null);
            AttributeMetadata matchAttribute = matching.findAttribute(c.getString("matchingattributename")).orElse(null);
            if (baseAttribute == null || matchAttribute == null) {
                return Optional.empty();
            }
            Object value = record.get(baseAttribute.logicalName());
            if (value instanceof EntityReference ref) {
                value = ref.id();
            }
            if (value == null || value instanceof String text && text.isBlank()) {
                if (!Boolean.FALSE.equals(c.getBoolean("ignoreblankvalues"))) {
                    return Optional.empty();
                }
                all.add(Condition.of(matchAttribute.logicalName(), ConditionOperator.NULL));
                continue;
            }
            all.add(condition(c, matchAttribute, value));
        }
        return Optional.of(Filter.and(all.toArray(new Filter[0])));
    }

    private static Filter condition(Entity c, AttributeMetadata attribute, Object value) {
        Integer operator = c.getInteger("operatorcode");
        Integer n = c.getInteger("operatorparam");
        String name = attribute.logicalName();
        if (operator == null || operator == 0 || n == null || !(value instanceof String text)) {
            return Condition.of(name, ConditionOperator.EQUAL, value instanceof String t ? t.trim() : value);
        }
        String trimmed = text.trim();
        if (trimmed.length() <= n) {
            return Condition.of(name, ConditionOperator.EQUAL, trimmed);
        }
        return operator == 1 ? Condition.of(name, ConditionOperator.BEGINS_WITH, trimmed.substring(0, n))
                : Condition.of(name, ConditionOperator.ENDS_WITH, trimmed.substring(trimmed.length() - n));
    }
}
