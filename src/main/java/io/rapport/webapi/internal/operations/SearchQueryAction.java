package io.rapport.webapi.internal.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.query.FilterParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dataverse search's {@code searchquery} action, answered from the database rather than a search index: the records
 * of the tables in {@code entities} (each with its {@code selectColumns}, {@code searchColumns} and OData
 * {@code filter}), or of every table with searchable columns, whose searched columns hold the terms of {@code search},
 * read as the caller (row security applies; a table the caller may not read is left out, as Dataverse searches only
 * the tables a user can read). The simple syntax: words (any of them, or all with the {@code searchmodelall} option),
 * a word that must appear ({@code +word}) or must not ({@code -word}), a trailing wildcard ({@code alp*}), a quoted
 * phrase and backslash escapes. A word matches a column where a word of it starts with it (no stemming, no fuzzy
 * match). {@code Score} counts the matches; results are ordered by it, then by {@code modifiedon}, newest first, or as
 * {@code orderby} says ({@code @search.score}, {@code modifiedon}, {@code createdon}); {@code skip} and {@code top}
 * (default 50, at most 100) page the merged results; {@code count} adds the number of matches. {@code Highlights}
 * mark the matches with {@code {crmhit}}/{@code {/crmhit}}. What the database cannot answer as Dataverse's index
 * does is refused with 400, never ignored: facets, the cross-table {@code filter}, the Lucene syntax, grouping with
 * parentheses and {@code |}, and the {@code besteffortsearch} and {@code groupranking} options. The answer is
 * Dataverse's: {@code response}, a string of JSON with {@code Error}, {@code Value}, {@code Facets},
 * {@code QueryContext} and {@code Count}.
 */
@Component
public class SearchQueryAction implements ActionHandler {

    static final String NAME = "searchquery";
    static final int DEFAULT_TOP = 50;
    static final int MAX_TOP = 100;
    static final int MAX_SEARCH_LENGTH = 100;
    private static final Set<String> NOT_SEARCHED = Set.of("savedquery", "userquery", "systemform");
    private static final Set<String> OPTIONS = Set.of("searchmodelall");

    /** Each table is read in a savepoint, so that a table the caller may not read is left out, not the search. */
    private final TransactionTemplate perTable;

    SearchQueryAction(PlatformTransactionManager transactions) {
        this.perTable = new TransactionTemplate(transactions);
        this.perTable.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition(NAME, null, false, List.of(Parameter.required("search", "String"),
                Parameter.optional("count", "Boolean"), Parameter.optional("entities", "String"),
                Parameter.optional("facets", "String"), Parameter.optional("filter", "String"),
                Parameter.optional("options", "String"), Parameter.optional("orderby", "String"),
                Parameter.optional("propertybag", "String"), Parameter.optional("skip", "Int32"),
                Parameter.optional("top", "Int32")), List.of(Parameter.required("response", "String")));
    }

    /** A term of the search text: its text, whether it is a prefix (trailing *), required (+) or excluded (-). */
    record Term(String text, boolean phrase, boolean required, boolean excluded) {
    }

    /** One table to search: the columns to answer and to search, and its filter. */
    record Target(EntityMetadata entity, List<String> select, List<String> search, Filter filter) {
    }

    /** A match: the table searched, the record, its score and the marked text of its matching columns. */
    private record Hit(Target target, Entity record, double score, Map<String, List<String>> highlights) {
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        List<String> problems = new ArrayList<>();
        parse(request, context.snapshot(), problems);
        RapportException.throwIfAny(ErrorCode.INVALID_ARGUMENT, problems);
    }

    /** The request read: its terms, tables and options, with every problem at once. */
    private record Search(List<Term> terms, boolean all, List<Target> targets, int skip, int top, boolean count,
            List<Order> order) {
    }

    private static Search parse(ActionRequest request, MetadataSnapshot snapshot, List<String> problems) {
        String text = request.parameter("search") instanceof String s ? s.trim() : "";
        List<Term> terms = List.of();
        if (text.isEmpty()) {
            problems.add("search must hold the text to search for.");
        } else if (text.length() > MAX_SEARCH_LENGTH) {
            problems.add("search has " + text.length() + " characters; at most " + MAX_SEARCH_LENGTH + " are "
                    + "allowed.");
        } else {
            terms = terms(text, problems);
        }
        int top = request.parameter("top") instanceof Integer t ? t : DEFAULT_TOP;
        if (top < 1 || top > MAX_TOP) {
            problems.add("top must be from 1 to " + MAX_TOP + ", not " + top + ".");
        }
        int skip = request.parameter("skip") instanceof Integer s ? s : 0;
        if (skip < 0 || skip > 10_000) {
            problems.add("skip must be from 0 to 10000, not " + skip + ".");
        }
        if (request.parameter("facets") instanceof String f && !f.isBlank() && !f.trim().equals("[]")) {
            problems.add("facets are not supported by Rapport's search; leave them out.");
        }
        if (request.parameter("filter") instanceof String f && !f.isBlank()) {
            problems.add("filter across tables is not supported by Rapport's search; give each table's filter in "
                    + "entities.");
        }
        boolean all = false;
        for (String option : strings(request.parameter("options"), "options", problems)) {
            String o = option.trim().toLowerCase(Locale.ROOT);
            if (o.equals("searchmodelall")) {
                all = true;
            } else if (!OPTIONS.contains(o)) {
                problems.add("The option '" + RapportException.quote(option) + "' is not supported by Rapport's "
                        + "search (only searchmodelall is).");
            }
        }
        List<Order> order = new ArrayList<>();
        for (String clause : strings(request.parameter("orderby"), "orderby", problems)) {
            String[] words = clause.trim().split("\\s+");
            String column = words[0].toLowerCase(Locale.ROOT);
            boolean descending = words.length > 1 && words[1].equalsIgnoreCase("desc");
            if (!Set.of("@search.score", "modifiedon", "createdon").contains(column) || words.length > 2
                    || words.length == 2 && !words[1].matches("(?i)asc|desc")) {
                problems.add("orderby '" + RapportException.quote(clause) + "': order by @search.score, modifiedon "
                        + "or createdon, asc or desc.");
            } else {
                order.add(new Order(null, column, descending));
            }
        }
        List<Target> targets = targets(request.parameter("entities"), snapshot, problems);
        return new Search(terms, all, targets, skip, top, Boolean.TRUE.equals(request.parameter("count")), order);
    }

    /** A parameter holding a JSON array of strings as text (Dataverse's form), or a comma-separated list. */
    private static List<String> strings(Object value, String name, List<String> problems) {
        if (!(value instanceof String text) || text.isBlank()) {
            return List.of();
        }
        if (!text.trim().startsWith("[")) {
            return List.of(text.split(","));
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    problems.add(name + " must be an array of strings.");
                    return List.of();
                }
                out.add(item.asText());
            }
            return out;
        } catch (JsonProcessingException e) {
            problems.add(name + " is not a valid JSON array of strings.");
            return List.of();
        }
    }

    static List<Term> terms(String text, List<String> problems) {
        List<Term> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean required = c == '+';
            boolean excluded = c == '-';
            if (required || excluded) {
                i++;
            }
            StringBuilder word = new StringBuilder();
            boolean phrase = i < text.length() && text.charAt(i) == '"';
            if (phrase) {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    problems.add("search: a quoted phrase is not closed.");
                    return List.of();
                }
                word.append(text, i + 1, end);
                i = end + 1;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    char ch = text.charAt(i);
                    if (ch == '\\' && i + 1 < text.length()) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (ch == '(' || ch == ')' || ch == '|') {
                        problems.add("search: grouping with ( ) and | is not supported by Rapport's search; escape "
                                + "the character with \\ to search for it.");
                        return List.of();
                    }
                    word.append(ch);
                    i++;
                }
                // a trailing wildcard: every word is matched as a prefix anyway
                while (word.length() > 0 && word.charAt(word.length() - 1) == '*') {
                    word.setLength(word.length() - 1);
                }
            }
            if (!word.toString().isBlank()) {
                terms.add(new Term(word.toString().trim(), phrase, required, excluded));
            }
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        if (terms.stream().allMatch(Term::excluded)) {
            problems.add("search must hold at least one word to look for, not only words to leave out.");
        }
        return terms;
    }

    private static List<Target> targets(Object value, MetadataSnapshot snapshot, List<String> problems) {
        List<Target> targets = new ArrayList<>();
        if (!(value instanceof String text) || text.isBlank()) {
            for (EntityMetadata e : snapshot.entities()) {
                List<String> searchable = e.attributes().stream()
                        .filter(a -> a.searchable() && a.type().isText() && !a.secured())
                        .map(AttributeMetadata::logicalName).toList();
                if (!e.isIntersect() && !NOT_SEARCHED.contains(e.logicalName()) && !searchable.isEmpty()
                        && e.primaryNameAttribute() != null) {
                    targets.add(new Target(e, List.of(e.primaryNameAttribute()), searchable, null));
                }
            }
            return targets;
        }
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("entities is not valid JSON: give an array of objects with name, selectColumns, "
                    + "searchColumns and filter.");
            return targets;
        }
        if (!array.isArray() || array.isEmpty() || array.size() > 50) {
            problems.add("entities must be an array of 1 to 50 tables.");
            return targets;
        }
        for (JsonNode item : array) {
            String name = item.path("name").asText("");
            EntityMetadata e = snapshot.findEntity(name).orElse(null);
            if (e == null || e.isIntersect() || e.primaryNameAttribute() == null) {
                problems.add("entities: there is no table named '" + RapportException.quote(name) + "' to search.");
                continue;
            }
            List<String> select = columns(e, item.path("selectColumns"), "selectColumns", false, problems);
            List<String> search = columns(e, item.path("searchColumns"), "searchColumns", true, problems);
            Filter filter = null;
            if (item.hasNonNull("filter") && !item.path("filter").asText().isBlank()) {
                try {
                    filter = FilterParser.parse(snapshot, e, item.path("filter").asText(), Map.of(),
                            QueryLimits.defaults());
                } catch (RapportException ex) {
                    problems.add("entities: the filter of " + name + ": " + ex.getMessage());
                }
            }
            targets.add(new Target(e, select.isEmpty() ? List.of(e.primaryNameAttribute()) : select,
                    search.isEmpty() ? List.of(e.primaryNameAttribute()) : search, filter));
        }
        return targets;
    }

    private static List<String> columns(EntityMetadata e, JsonNode node, String what, boolean text,
            List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add("entities: " + what + " of " + e.logicalName() + " must be an array of column names.");
            return out;
        }
        for (JsonNode c : node) {
            AttributeMetadata a = e.findAttribute(c.asText("")).orElse(null);
            if (a == null || !a.isReadable()) {
                problems.add("entities: " + e.logicalName() + " has no column '" + RapportException.quote(c.asText(""))
                        + "' (" + what + ").");
            } else if (text && !a.type().isText()) {
                problems.add("entities: " + e.logicalName() + "." + a.logicalName() + " holds no text to search ("
                        + what + ").");
            } else {
                out.add(a.logicalName());
            }
        }
        return out;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<String> problems = new ArrayList<>();
        Search search = parse(request, context.snapshot(), problems);
        RapportException.throwIfAny(ErrorCode.INVALID_ARGUMENT, problems);
        OrganizationService service = context.service();
        List<Hit> hits = new ArrayList<>();
        long count = 0;
        for (Target t : search.targets()) {
            Set<String> columns = new LinkedHashSet<>(t.select());
            columns.addAll(t.search());
            columns.add("modifiedon");
            columns.add("createdon");
            columns.removeIf(c -> t.entity().findAttribute(c).isEmpty());
            QueryExpression query = QueryExpression.from(t.entity().logicalName())
                    .columns(ColumnSet.of(columns.toArray(String[]::new))).where(criteria(t, search))
                    .orderBy(new Order(null, t.entity().findAttribute("modifiedon").isPresent() ? "modifiedon"
                            : t.entity().primaryNameAttribute(), true))
                    .top(search.skip() + search.top()).build();
            List<Entity> rows;
            long[] counted = {0};
            try {
                rows = perTable.execute(tx -> {
                    List<Entity> found = service.retrieveMultiple(query).entities();
                    counted[0] = search.count() ? service.count(query) : 0;
                    return found;
                });
            } catch (RapportException e) {
                if (e.code() == ErrorCode.PRIVILEGE_DENIED || e.code() == ErrorCode.ACCESS_DENIED) {
                    continue; // a table the caller may not read is not searched
                }
                throw e;
            }
            count += counted[0];
            for (Entity r : rows) {
                Map<String, List<String>> highlights = new LinkedHashMap<>();
                double score = score(search.terms(), t, r, highlights);
                hits.add(new Hit(t, r, score, highlights));
            }
        }
        hits.sort(comparator(search.order()));
        ArrayNode value = Json.MAPPER.createArrayNode();
        hits.stream().skip(search.skip()).limit(search.top()).forEach(h -> value.add(result(h)));
        ObjectNode response = Json.object();
        response.putNull("Error");
        response.set("Value", value);
        response.putObject("Facets");
        response.putNull("QueryContext");
        response.put("Count", search.count() ? count : -1);
        return new ActionResponse(Map.of("response", response.toString()));
    }

    private static Filter criteria(Target t, Search search) {
        List<Filter> wanted = new ArrayList<>();
        List<Filter> all = new ArrayList<>();
        for (Term term : search.terms()) {
            List<Filter> columns = new ArrayList<>();
            List<Filter> absent = new ArrayList<>();
            for (String c : t.search()) {
                Filter match = term.phrase() ? Condition.of(c, ConditionOperator.CONTAINS, term.text())
                        : Filter.or(Condition.of(c, ConditionOperator.BEGINS_WITH, term.text()),
                                Condition.of(c, ConditionOperator.CONTAINS, " " + term.text()));
                columns.add(match);
                // an empty column holds no excluded word (NOT of a comparison with NULL would drop the record)
                absent.add(Filter.or(Condition.of(c, ConditionOperator.NULL), Filter.not(match)));
            }
            Filter any = new Filter.Group(Filter.Logical.OR, columns, false);
            if (term.excluded()) {
                all.add(new Filter.Group(Filter.Logical.AND, absent, false));
            } else if (term.required() || search.all()) {
                all.add(any);
            } else {
                wanted.add(any);
            }
        }
        if (!wanted.isEmpty()) {
            all.add(new Filter.Group(Filter.Logical.OR, wanted, false));
        }
        if (t.filter() != null) {
            all.add(t.filter());
        }
        return new Filter.Group(Filter.Logical.AND, all, false);
    }

    /** The matches of the terms in the searched columns, counted, and each column's text with the matches marked. */
    private static double score(List<Term> terms, Target t, Entity r, Map<String, List<String>> highlights) {
        double score = 0;
        for (String c : t.search()) {
            if (!(r.get(c) instanceof String value)) {
                continue;
            }
            String marked = value;
            boolean hit = false;
            for (Term term : terms) {
                if (term.excluded()) {
                    continue;
                }
                String lower = marked.toLowerCase(Locale.ROOT);
                String needle = term.text().toLowerCase(Locale.ROOT);
                int at = lower.indexOf(needle);
                while (at >= 0 && !term.phrase() && at > 0 && !Character.isWhitespace(lower.charAt(at - 1))
                        && lower.charAt(at - 1) != '}') {
                    at = lower.indexOf(needle, at + 1);
                }
                if (at >= 0) {
                    score += 1;
                    hit = true;
                    marked = marked.substring(0, at) + "{crmhit}" + marked.substring(at, at + needle.length())
                            + "{/crmhit}" + marked.substring(at + needle.length());
                }
            }
            if (hit) {
                highlights.put(c, List.of(marked));
            }
        }
        return score;
    }

    private static Comparator<Hit> comparator(List<Order> order) {
        Comparator<Hit> byScore = Comparator.comparingDouble(Hit::score);
        Comparator<Hit> byModified = Comparator.comparing(h -> time(h.record(), "modifiedon"));
        if (order.isEmpty()) {
            return byScore.reversed().thenComparing(byModified.reversed());
        }
        Comparator<Hit> c = null;
        for (Order o : order) {
            Comparator<Hit> one = o.attribute().equals("@search.score") ? byScore
                    : Comparator.comparing(h -> time(h.record(), o.attribute()));
            one = o.descending() ? one.reversed() : one;
            c = c == null ? one : c.thenComparing(one);
        }
        return c;
    }

    private static Instant time(Entity r, String column) {
        return r.get(column) instanceof Instant i ? i : Instant.EPOCH;
    }

    private static ObjectNode result(Hit h) {
        EntityMetadata entity = h.target().entity();
        ObjectNode out = Json.object();
        out.put("Id", h.record().id().toString());
        out.put("EntityName", entity.logicalName());
        if (entity.objectTypeCode() != null) {
            out.put("ObjectTypeCode", entity.objectTypeCode());
        }
        ObjectNode attributes = out.putObject("Attributes");
        for (String c : h.target().select()) {
            Object v = h.record().get(c);
            if (v instanceof EntityReference ref) {
                attributes.put(c, ref.name() == null ? ref.id().toString() : ref.name());
            } else {
                attributes.set(c, v == null ? attributes.nullNode() : Json.MAPPER.valueToTree(v instanceof Instant i
                        ? i.toString() : v));
            }
        }
        ObjectNode highlights = out.putObject("Highlights");
        h.highlights().forEach((column, marked) -> {
            ArrayNode list = highlights.putArray(column);
            marked.forEach(list::add);
        });
        out.put("Score", h.score());
        return out;
    }
}
