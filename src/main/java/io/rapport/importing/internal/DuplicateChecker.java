package io.rapport.importing.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the active duplicate detection rules (records of {@code duplicaterule} and
 * {@code duplicaterulecondition}) whose base and matching entity is the imported one: against the earlier rows of the
 * last batches of the file, and against existing records with one query per rule and batch. The existing records are
 * looked up as the importer: a record they may not read is not a duplicate (the row creates a new record), as
 * Dataverse's duplicate detection only ever finds records the user can read.
 */
final class DuplicateChecker {

    /** One rule: conditions compared value by value. */
    private record Rule(String name, List<RuleCondition> conditions, boolean excludeInactive) {
    }

    private record RuleCondition(String attribute, int operator, int characters, boolean ignoreBlank) {
        String keyPart(Object value) {
            String s = Text.fold(value == null ? null : value instanceof EntityReference r ? r.id().toString()
                    : value.toString());
            return switch (operator) {
                case 1 -> s.length() > characters ? s.substring(0, characters) : s;
                case 2 -> s.length() > characters ? s.substring(s.length() - characters) : s;
                default -> s;
            };
        }
    }

    /** The outcome for one record. */
    record Match(boolean duplicateInFile, UUID existingId) {
        static final Match NONE = new Match(false, null);

        boolean isDuplicate() {
            return duplicateInFile || existingId != null;
        }
    }

    private final EntityMetadata entity;
    private final List<Rule> rules;
    private final int batchesRemembered;
    /** Per rule, the keys of the last batches checked, newest first. */
    private final List<Deque<Set<String>>> seen = new ArrayList<>();

    private DuplicateChecker(EntityMetadata entity, List<Rule> rules, int batchesRemembered) {
        this.entity = entity;
        this.rules = rules;
        this.batchesRemembered = batchesRemembered;
        rules.forEach(r -> seen.add(new ArrayDeque<>()));
    }

    /**
     * The active rules of the entity. The file part of the check remembers the rows of the last
     * {@code batchesRemembered} batches besides the current one (the batches that may not have committed when the
     * current one is checked against the table; at least one, so that a row repeating the batch before it is reported
     * the same way whether or not batches are written side by side); older rows are found in the table, as the
     * records they created. So the memory a check keeps does not grow with the file.
     */
    static DuplicateChecker load(OrganizationService org, MetadataSnapshot snapshot, EntityMetadata entity,
            int batchesRemembered) {
        List<Rule> rules = new ArrayList<>();
        int remembered = Math.max(1, batchesRemembered);
        if (snapshot.findEntity("duplicaterule").isEmpty() || snapshot.findEntity("duplicaterulecondition").isEmpty()) {
            return new DuplicateChecker(entity, rules, remembered);
        }
        for (Entity rule : org.retrieveMultiple(QueryExpression.from("duplicaterule")
                .columns(ColumnSet.of("name", "excludeinactiverecords"))
                .where(Condition.eq("baseentityname", entity.logicalName()))
                .where(Condition.eq("matchingentityname", entity.logicalName()))
                .where(Condition.eq("statecode", 0)).build()).entities()) {
            List<RuleCondition> conditions = new ArrayList<>();
            for (Entity c : org.retrieveMultiple(QueryExpression.from("duplicaterulecondition")
                    .columns(ColumnSet.of("baseattributename", "operatorcode", "operatorparam", "ignoreblankvalues"))
                    .where(Condition.eq("regardingobjectid", rule.id())).build()).entities()) {
                String attribute = c.getString("baseattributename");
                if (entity.hasAttribute(attribute)) {
                    Integer op = (Integer) c.get("operatorcode");
                    Integer n = (Integer) c.get("operatorparam");
                    conditions.add(new RuleCondition(attribute, op == null ? 0 : op, n == null ? 0 : n,
                            !Boolean.FALSE.equals(c.get("ignoreblankvalues"))));
                }
            }
            if (!conditions.isEmpty()) {
                rules.add(new Rule(rule.getString("name"), conditions,
                        Boolean.TRUE.equals(rule.get("excludeinactiverecords"))));
            }
        }
        return new DuplicateChecker(entity, rules, remembered);
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    /** Checks a batch of records (in file order) and remembers them as seen. */
    List<Match> check(OrganizationService org, List<Entity> records) {
        return withExisting(org, records, inFile(records));
    }

    /**
     * The file part of the check: which records repeat an earlier row of this batch or of the batches remembered,
     * remembering this batch's. Batches must come here in file order, one at a time.
     */
    List<Match> inFile(List<Entity> records) {
        List<Match> matches = new ArrayList<>();
        records.forEach(r -> matches.add(Match.NONE));
        for (int ri = 0; ri < rules.size(); ri++) {
            Deque<Set<String>> earlier = seen.get(ri);
            Set<String> current = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                String key = key(rules.get(ri), records.get(i));
                if (key != null && (!current.add(key) || earlier.stream().anyMatch(batch -> batch.contains(key)))) {
                    matches.set(i, new Match(true, null));
                }
            }
            earlier.addFirst(current);
            while (earlier.size() > batchesRemembered) {
                earlier.removeLast();
            }
        }
        return matches;
    }

    /**
     * The database part of the check, for the file part's {@code matches}: the existing record each record repeats,
     * by the first rule that finds one. Needs no order: a batch written beside this one repeats none of its rows
     * unnoticed, as the file part saw both.
     */
    List<Match> withExisting(OrganizationService org, List<Entity> records, List<Match> matches) {
        List<Match> result = new ArrayList<>(matches);
        for (Rule rule : rules) {
            Map<String, UUID> existing = existing(org, rule, records);
            if (existing.isEmpty()) {
                continue;
            }
            for (int i = 0; i < records.size(); i++) {
                Match m = result.get(i);
                String key = m.existingId() == null ? key(rule, records.get(i)) : null;
                UUID found = key == null ? null : existing.get(key);
                if (found != null) {
                    result.set(i, new Match(m.duplicateInFile(), found));
                }
            }
        }
        return result;
    }

    private static String key(Rule rule, Entity record) {
        StringBuilder key = new StringBuilder();
        for (RuleCondition c : rule.conditions()) {
            Object value = record.get(c.attribute());
            if (value == null || value.toString().isBlank()) {
                if (c.ignoreBlank()) {
                    return null;
                }
            }
            key.append(c.keyPart(value)).append('\u0001');
        }
        return key.toString();
    }

    private Map<String, UUID> existing(OrganizationService org, Rule rule, List<Entity> records) {
        Filter filter = rule.conditions().size() == 1 && rule.conditions().get(0).operator() == 0
                ? inFilter(rule.conditions().get(0), records) : anyFilter(rule, records);
        Map<String, UUID> found = new HashMap<>();
        if (filter == null) {
            return found;
        }
        List<String> columns = rule.conditions().stream().map(RuleCondition::attribute).distinct().toList();
        QueryExpression.Builder q = QueryExpression.from(entity.logicalName()).columns(ColumnSet.of(columns))
                .where(filter);
        if (rule.excludeInactive() && entity.hasStateCode()) {
            q.where(Condition.eq("statecode", 0));
        }
        for (Entity e : org.retrieveMultiple(q.build()).entities()) {
            String key = key(rule, e);
            if (key != null) {
                found.putIfAbsent(key, e.id());
            }
        }
        return found;
    }

    /** The common one-attribute exact rule as one IN list, which an index answers in one pass. */
    private static Filter inFilter(RuleCondition c, List<Entity> records) {
        List<Object> values = new ArrayList<>();
        for (Entity r : records) {
            Object value = r.get(c.attribute());
            if (value != null && !value.toString().isBlank()) {
                values.add(value instanceof EntityReference ref ? ref.id() : value);
            }
        }
        return values.isEmpty() ? null : new Condition(null, c.attribute(), ConditionOperator.IN, values);
    }

    private Filter anyFilter(Rule rule, List<Entity> records) {
        List<Filter> any = new ArrayList<>();
        for (Entity r : records) {
            if (key(rule, r) == null) {
                continue;
            }
            List<Filter> all = new ArrayList<>();
            for (RuleCondition c : rule.conditions()) {
                Object value = r.get(c.attribute());
                AttributeMetadata a = entity.attribute(c.attribute());
                if (value == null) {
                    all.add(Condition.of(c.attribute(), ConditionOperator.NULL));
                } else if (c.operator() == 0 || !a.type().isText()) {
                    all.add(Condition.eq(c.attribute(), value instanceof EntityReference ref ? ref.id() : value));
                } else {
                    all.add(Condition.of(c.attribute(), c.operator() == 1 ? ConditionOperator.BEGINS_WITH
                            : ConditionOperator.ENDS_WITH, c.keyPart(value)));
                }
            }
            any.add(Filter.and(all.toArray(new Filter[0])));
        }
        return any.isEmpty() ? null : new Filter.Group(Filter.Logical.OR, any, false);
    }
}
