package io.rapport.web.internal.list;

import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.layout.ViewDefinition.ViewCondition;
import io.rapport.web.internal.layout.ViewDefinition.ViewOrder;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import io.rapport.web.internal.support.UiPreferences;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The view editor: the columns of a view (added, removed, ordered by position, each with one of Dynamics' fixed
 * widths), up to two sort orders and the filter's conditions (field, operator, value; choosing a field asks the
 * server, through htmx, for the operators and the value input its type offers), a preview of the first rows, and
 * Save. Anyone edits and creates their own personal views (userquery); system views (savedquery) are changed by
 * whoever may write savedquery (System Administrator, System Customizer). Every save goes through the pipeline as
 * the signed-in user, and the list page uses the saved view at once (layouts are cached by the UI configuration
 * version the save raises). Every error of a posted view is shown at once and nothing is saved.
 */
@Controller
class ViewEditorController {

    /** Operators offered by the kind of filter an attribute's type has. */
    static final Map<String, List<String>> OPERATORS = Map.of(
            "text", List.of("CONTAINS", "NOT_CONTAIN", "BEGINS_WITH", "EQUAL", "NOT_EQUAL", "NULL", "NOT_NULL"),
            "lookup", List.of("NULL", "NOT_NULL"),
            "user", List.of("EQUAL_USER_ID", "NOT_EQUAL_USER_ID", "NULL", "NOT_NULL"),
            "number", List.of("EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_EQUAL", "LESS_THAN", "LESS_EQUAL", "NULL",
                    "NOT_NULL"),
            "select", List.of("EQUAL", "NOT_EQUAL", "IN", "NULL", "NOT_NULL"),
            "date", List.of("ON", "ON_OR_AFTER", "ON_OR_BEFORE", "LAST_X_DAYS", "NEXT_X_DAYS", "OLDER_THAN_X_DAYS",
                    "TODAY", "THIS_MONTH", "THIS_YEAR", "NULL", "NOT_NULL"));
    /** Operators that take no value. */
    static final Set<String> NO_VALUE = Set.of("NULL", "NOT_NULL", "EQUAL_USER_ID", "NOT_EQUAL_USER_ID", "TODAY",
            "THIS_MONTH", "THIS_YEAR");
    /** Operators whose value is a number of days. */
    static final Set<String> DAYS = Set.of("LAST_X_DAYS", "NEXT_X_DAYS", "OLDER_THAN_X_DAYS");
    /** Blank condition rows offered below the view's own. */
    static final int BLANK_CONDITIONS = 2;
    static final int MAX_CONDITIONS = 20;

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final GridBuilder grids;
    private final UiPreferences preferences;
    private final ErrorMessages errors;
    private final MessageSource messages;

    ViewEditorController(UiFactory uis, LayoutCatalog layouts, GridBuilder grids, UiPreferences preferences,
            ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.layouts = layouts;
        this.grids = grids;
        this.preferences = preferences;
        this.errors = errors;
        this.messages = messages;
    }

    /** Edits a view: the user's own personal view, or a system view when the user may change system views. */
    @GetMapping("/app/{entity}/views/edit")
    String edit(@PathVariable String entity, @RequestParam String view, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        ViewDefinition v = editable(ui, entity, view);
        boolean personal = view.startsWith(LayoutCatalog.PERSONAL_PREFIX);
        fill(ui, e, v, personal, personal ? view : v.key(), grids.viewName(ui, e, v), model);
        return "view-editor";
    }

    /** A new personal view, starting from the view the list shows. */
    @GetMapping("/app/{entity}/views/new")
    String create(@PathVariable String entity, @RequestParam(required = false) String view, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        fill(ui, e, layouts.view(ui, entity, view), true, "", "", model);
        return "view-editor";
    }

    /** One condition row for the field chosen in it: the operators and the value input of the field's type. */
    @GetMapping("/app/{entity}/views/condition")
    String condition(@PathVariable String entity, @RequestParam int i,
            @RequestParam MultiValueMap<String, String> params, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        if (i < 0 || i >= MAX_CONDITIONS + BLANK_CONDITIONS) {
            throw RapportException.invalid("Condition " + i + " does not exist: a view has at most "
                    + MAX_CONDITIONS + " conditions.");
        }
        String attribute = params.getFirst("c" + i + ".attribute");
        model.addAttribute("entity", entity);
        model.addAttribute("c", conditionRow(ui, e, i, attribute == null ? "" : attribute, null, ""));
        model.addAttribute("fields", filterFields(ui, e));
        model.addAttribute("fieldErrors", Map.of());
        return "view-editor :: condition";
    }

    /** The first rows through the view as it is in the editor, unsaved. */
    @PostMapping("/app/{entity}/views/preview")
    String preview(@PathVariable String entity, @RequestParam MultiValueMap<String, String> form, Locale locale,
            Model model, HttpServletResponse response) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        ViewProblems problems = new ViewProblems();
        String key = form.getFirst("key") == null ? "" : form.getFirst("key");
        ViewDefinition base = base(ui, entity, key, form.getFirst("from"));
        ViewDefinition draft = parse(ui, e, base, form, problems).view();
        model.addAttribute("problems", problems.all());
        if (problems.isEmpty()) {
            model.addAttribute("grid", grids.build(ui, entity, new ListState(null, null, null, false, 1, null, null),
                    draft));
        } else {
            // htmx swaps a 422 in (htmx-config in layout.html): the problems show where the preview would
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        return "view-editor :: preview";
    }

    @PostMapping("/app/{entity}/views/save")
    String save(@PathVariable String entity, @RequestParam MultiValueMap<String, String> form, Locale locale,
            Model model, HttpServletResponse response) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        String key = form.getFirst("key") == null ? "" : form.getFirst("key").trim();
        boolean personal = key.isEmpty() || key.startsWith(LayoutCatalog.PERSONAL_PREFIX);
        ViewDefinition base = base(ui, entity, key, form.getFirst("from"));
        ViewProblems problems = new ViewProblems();
        Draft posted = parse(ui, e, base, form, problems);
        ViewDefinition draft = posted.view();
        String name = form.getFirst("name") == null ? "" : form.getFirst("name").trim();
        if (personal && name.isEmpty()) {
            problems.addFirst("view-name", text(ui, "viewEditor.nameRequired"));
        } else if (name.length() > 200) {
            problems.addFirst(personal ? "view-name" : "", text(ui, "viewEditor.nameTooLong"));
        }
        if (problems.isEmpty()) {
            try {
                String saved;
                if (!personal) {
                    layouts.saveSystemView(ui, draft);
                    saved = draft.key();
                } else if (key.isEmpty()) {
                    saved = layouts.savePersonalView(ui, draft, name);
                } else {
                    layouts.updatePersonalView(ui, key, draft, name);
                    saved = key;
                }
                // the columns the user applied to this view before would hide the ones just chosen
                preferences.save(ui.caller().userId(), "columns:" + entity + ":" + saved, "");
                return "redirect:/app/" + entity + "?view=" + saved;
            } catch (RapportException ex) {
                problems.add("", errors.message(ex, ui.entity(personal ? "userquery" : "savedquery"), locale));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        fill(ui, e, draft, personal, key, personal ? name : grids.viewName(ui, e, base), model);
        // the conditions come back as they were posted, each at its place, so that their problems sit beside them
        model.addAttribute("conditions", postedConditions(ui, e, posted.conditions()));
        model.addAttribute("problems", problems.all());
        model.addAttribute("fieldErrors", problems.byField());
        model.addAttribute("from", form.getFirst("from"));
        return "view-editor";
    }

    /** The view being edited: the user's personal view, a system view (checked), or the base of a new one. */
    private ViewDefinition base(Ui ui, String entity, String key, String from) {
        return key.isEmpty() ? layouts.view(ui, entity, from) : editable(ui, entity, key);
    }

    private ViewDefinition editable(Ui ui, String entity, String key) {
        if (key.startsWith(LayoutCatalog.PERSONAL_PREFIX)) {
            return layouts.personalViews(ui, entity).stream().filter(v -> v.key().equals(key)).findFirst()
                    .orElseThrow(() -> RapportException.notFound("userquery", key.substring(
                            LayoutCatalog.PERSONAL_PREFIX.length())));
        }
        ViewDefinition v = layouts.systemViews(ui, entity).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> RapportException.notFound("savedquery", key));
        // the pipeline's own check and message: a salesperson may not change system views
        ui.service().checkPrivilege("savedquery", io.rapport.pipeline.Privilege.WRITE);
        return v;
    }

    /** A posted view: the view it makes and its condition rows as posted (by row), unchecked. */
    record Draft(ViewDefinition view, List<PostedCondition> conditions) {
    }

    /** A condition row as posted: field, operator and value (all "" for an empty or removed row). */
    record PostedCondition(String attribute, String operator, String value) {
    }

    /** The posted view; every problem is added to {@code problems}, with the id of the input it is about. */
    Draft parse(Ui ui, EntityMetadata e, ViewDefinition base, MultiValueMap<String, String> form,
            ViewProblems problems) {
        record Placed(String attribute, int position, int order) {
        }
        List<Placed> placed = new ArrayList<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        String listed = form.getFirst("columns") == null ? "" : form.getFirst("columns");
        int order = 0;
        List<String> seen = new ArrayList<>();
        for (String raw : listed.split(",")) {
            String c = raw.trim();
            if (c.isEmpty() || seen.contains(c)) {
                continue;
            }
            seen.add(c);
            order++;
            if (!ListQueryBuilder.readable(e, c)) {
                problems.add("view-columns", text(ui, "viewEditor.unknownField", c));
                continue;
            }
            if (form.containsKey("drop." + c)) {
                continue;
            }
            String label = e.attribute(c).label(ui.locale());
            Integer position = number(form.getFirst("pos." + c), order, 1, 1000);
            if (position == null) {
                problems.add("pos-" + c, text(ui, "viewEditor.badPosition", label));
                position = order;
            }
            width(ui, "width-" + c, label, form.getFirst("width." + c), problems).ifPresent(w -> widths.put(c, w));
            placed.add(new Placed(c, position, order));
        }
        String added = trim(form.getFirst("add"));
        if (!added.isEmpty()) {
            if (!listable(e, added) || placed.stream().anyMatch(p -> p.attribute().equals(added))) {
                problems.add("add-column", text(ui, "viewEditor.cannotAdd", added));
            } else {
                width(ui, "add-width", e.attribute(added).label(ui.locale()), form.getFirst("addWidth"), problems)
                        .ifPresent(w -> widths.put(added, w));
                placed.add(new Placed(added, Integer.MAX_VALUE, Integer.MAX_VALUE));
            }
        }
        // a column moved to a position goes before the one that was there (as in the form editor's intent)
        List<String> columns = placed.stream().sorted(Comparator.comparingInt(Placed::position)
                .thenComparing(p -> p.position() == p.order()).thenComparingInt(Placed::order))
                .map(Placed::attribute).toList();
        if (columns.isEmpty()) {
            problems.add("view-columns", text(ui, "viewEditor.noColumns"));
        }
        List<ViewOrder> orders = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            String attribute = trim(form.getFirst("sort" + s));
            if (attribute.isEmpty()) {
                continue;
            }
            if (!ListQueryBuilder.readable(e, attribute) || e.attribute(attribute).type().isMultiline()) {
                problems.add("sort" + s, text(ui, "viewEditor.unknownField", attribute));
            } else if (orders.stream().noneMatch(o -> o.attribute().equals(attribute))) {
                orders.add(new ViewOrder(attribute, "desc".equals(form.getFirst("dir" + s))));
            }
        }
        List<ViewCondition> filter = new ArrayList<>();
        List<PostedCondition> posted = new ArrayList<>();
        Integer rows = number(form.getFirst("conditions"), 0, 0, MAX_CONDITIONS + BLANK_CONDITIONS);
        for (int i = 0; i < (rows == null ? 0 : rows); i++) {
            String attribute = trim(form.getFirst("c" + i + ".attribute"));
            if (attribute.isEmpty() || form.containsKey("c" + i + ".drop")) {
                posted.add(new PostedCondition("", "", ""));
                continue;
            }
            String operator = trim(form.getFirst("c" + i + ".operator"));
            String value = trim(form.getFirst("c" + i + ".value"));
            posted.add(new PostedCondition(attribute, operator, value));
            condition(ui, e, i, attribute, operator, value, problems).ifPresent(filter::add);
        }
        if (filter.size() > MAX_CONDITIONS) {
            problems.add("view-conditions", text(ui, "viewEditor.tooManyConditions", MAX_CONDITIONS));
        }
        return new Draft(base.withLayout(columns, widths, filter, orders), posted);
    }

    /** The condition rows as posted (up to the last one used), then the blank rows. */
    private List<ConditionRow> postedConditions(Ui ui, EntityMetadata e, List<PostedCondition> posted) {
        int used = 0;
        for (int i = 0; i < posted.size(); i++) {
            if (!posted.get(i).attribute().isEmpty()) {
                used = i + 1;
            }
        }
        List<ConditionRow> rows = new ArrayList<>();
        for (int i = 0; i < used + BLANK_CONDITIONS; i++) {
            PostedCondition c = i < used ? posted.get(i) : new PostedCondition("", "", "");
            rows.add(conditionRow(ui, e, i, c.attribute(), c.operator().isEmpty() ? null : c.operator(), c.value()));
        }
        return rows;
    }

    /** One condition, checked: the field filters, the operator is one its type offers, the value parses. */
    private Optional<ViewCondition> condition(Ui ui, EntityMetadata e, int i, String attribute, String operator,
            String value, ViewProblems problems) {
        int n = i + 1;
        String row = "c" + i + "-";
        Optional<AttributeMetadata> found = e.findAttribute(attribute).filter(ListQueryBuilder::filterable)
                .filter(a -> !operators(a).isEmpty());
        if (found.isEmpty()) {
            problems.add(row + "attribute", text(ui, "viewEditor.condition.unknownField", n, attribute));
            return Optional.empty();
        }
        AttributeMetadata a = found.get();
        String label = a.label(ui.locale());
        if (!operators(a).contains(operator)) {
            problems.add(row + "operator", text(ui, "viewEditor.condition.badOperator", n, label));
            return Optional.empty();
        }
        if (NO_VALUE.contains(operator)) {
            return Optional.of(new ViewCondition(attribute, operator, List.of()));
        }
        if (value.isEmpty()) {
            problems.add(row + "value", text(ui, "viewEditor.condition.valueRequired", n, label));
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        for (String part : "IN".equals(operator) ? value.split(",") : new String[] {value}) {
            Object parsed = value(a, operator, part.trim());
            if (parsed == null) {
                problems.add(row + "value", text(ui, "viewEditor.condition.badValue", n, label, part.trim()));
                return Optional.empty();
            }
            values.add(parsed);
        }
        return Optional.of(new ViewCondition(attribute, operator, values));
    }

    /** A condition's value as the view stores it (JSON numbers, ISO dates, text), or null when it does not parse. */
    private static Object value(AttributeMetadata a, String operator, String text) {
        try {
            if (DAYS.contains(operator)) {
                int days = Integer.parseInt(text);
                return days >= 1 && days <= 36_500 ? days : null;
            }
            return switch (kind(a)) {
                case "number" -> a.type().parseInput(text, ZoneOffset.UTC);
                case "select" -> {
                    int v = Integer.parseInt(text);
                    yield a.optionSet() != null && a.optionSet().options().stream().anyMatch(o -> o.value() == v)
                            ? v : null;
                }
                case "date" -> LocalDate.parse(text).toString();
                default -> text.length() > 400 ? null : text;
            };
        } catch (RuntimeException ex) {
            return null; // NumberFormatException, DateTimeParseException, IllegalArgumentException
        }
    }

    private Optional<Integer> width(Ui ui, String field, String label, String text, ViewProblems problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Integer w = number(text, null, 1, 1000);
        if (w == null || !ViewDefinition.WIDTHS.contains(w)) {
            problems.add(field, text(ui, "viewEditor.badWidth", label));
            return Optional.empty();
        }
        return Optional.of(w);
    }

    private static Integer number(String text, Integer fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            return n < min || n > max ? null : n;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The kind of condition a field takes: its filter kind, lookups apart (users: "equals current user"). */
    static String kind(AttributeMetadata a) {
        String kind = a.type().filterKind();
        if (a.type().isLookup()) {
            return a.targets().contains("systemuser") ? "user" : "lookup";
        }
        return kind;
    }

    static List<String> operators(AttributeMetadata a) {
        return OPERATORS.getOrDefault(kind(a), List.of());
    }

    private static boolean listable(EntityMetadata e, String attribute) {
        return e.findAttribute(attribute).filter(a -> ListQueryBuilder.filterable(a) && !a.type().isMultiline()
                && (!a.isManaged() || GridBuilder.LISTABLE_PLATFORM.contains(a.logicalName()))).isPresent();
    }

    private void fill(Ui ui, EntityMetadata e, ViewDefinition v, boolean personal, String key, String name,
            Model model) {
        Locale locale = ui.locale();
        List<ColumnRow> columns = new ArrayList<>();
        int position = 1;
        for (String c : v.columns()) {
            if (ListQueryBuilder.readable(e, c)) {
                columns.add(new ColumnRow(c, e.attribute(c).label(locale), position++, v.width(c)));
            }
        }
        List<Choice> addable = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (listable(e, a.logicalName()) && !v.columns().contains(a.logicalName())) {
                addable.add(new Choice(a.logicalName(), a.label(locale)));
            }
        }
        addable.sort(Comparator.comparing(Choice::label, String.CASE_INSENSITIVE_ORDER));
        List<Choice> sortable = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (ListQueryBuilder.filterable(a) && !a.type().isMultiline()) {
                sortable.add(new Choice(a.logicalName(), a.label(locale)));
            }
        }
        sortable.sort(Comparator.comparing(Choice::label, String.CASE_INSENSITIVE_ORDER));
        List<ConditionRow> conditions = new ArrayList<>();
        for (ViewCondition c : v.filter()) {
            if (conditions.size() < MAX_CONDITIONS) {
                conditions.add(conditionRow(ui, e, conditions.size(), c.attribute(), c.operator(),
                        String.join(", ", c.values().stream().map(String::valueOf).toList())));
            }
        }
        for (int i = 0; i < BLANK_CONDITIONS; i++) {
            conditions.add(conditionRow(ui, e, conditions.size(), "", null, ""));
        }
        model.addAttribute("entity", e.logicalName());
        model.addAttribute("collectionLabel", e.collectionLabel(locale));
        model.addAttribute("personal", personal);
        model.addAttribute("key", key);
        model.addAttribute("name", name);
        model.addAttribute("from", v.key());
        model.addAttribute("columns", columns);
        model.addAttribute("columnList", String.join(",", columns.stream().map(ColumnRow::attribute).toList()));
        model.addAttribute("widths", ViewDefinition.WIDTHS.stream().sorted().toList());
        model.addAttribute("addable", addable);
        model.addAttribute("sortable", sortable);
        model.addAttribute("sorts", List.of(sortRow(v, 1), sortRow(v, 2)));
        model.addAttribute("conditions", conditions);
        model.addAttribute("fields", filterFields(ui, e));
        model.addAttribute("fieldErrors", Map.of());
    }

    private static SortRow sortRow(ViewDefinition v, int n) {
        return v.orders().size() >= n ? new SortRow(n, v.orders().get(n - 1).attribute(),
                v.orders().get(n - 1).descending()) : new SortRow(n, "", false);
    }

    private static List<Choice> filterFields(Ui ui, EntityMetadata e) {
        List<Choice> fields = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (ListQueryBuilder.filterable(a) && !operators(a).isEmpty()
                    && (!a.isManaged() || GridBuilder.LISTABLE_PLATFORM.contains(a.logicalName()))) {
                fields.add(new Choice(a.logicalName(), a.label(ui.locale())));
            }
        }
        fields.sort(Comparator.comparing(Choice::label, String.CASE_INSENSITIVE_ORDER));
        return fields;
    }

    private ConditionRow conditionRow(Ui ui, EntityMetadata e, int i, String attribute, String operator,
            String value) {
        Optional<AttributeMetadata> a = attribute.isEmpty() ? Optional.empty()
                : e.findAttribute(attribute).filter(ListQueryBuilder::filterable);
        List<Choice> operators = new ArrayList<>();
        List<Choice> options = new ArrayList<>();
        String kind = "none";
        if (a.isPresent()) {
            kind = kind(a.get());
            List<String> offered = new ArrayList<>(operators(a.get()));
            if (operator != null && !offered.contains(operator)) {
                offered.add(operator); // a built-in view's operator the editor does not offer: kept as it is
            }
            for (String o : offered) {
                operators.add(new Choice(o, messages.getMessage("viewEditor.op." + o, null, o, ui.locale())));
            }
            if ("select".equals(kind) && a.get().optionSet() != null) {
                for (OptionMetadata o : a.get().optionSet().options()) {
                    options.add(new Choice(Integer.toString(o.value()), o.label().get(ui.language())));
                }
            }
        }
        return new ConditionRow(i, a.map(AttributeMetadata::logicalName).orElse(""), operator == null ? ""
                : operator, value, kind, operators, options);
    }

    private String text(Ui ui, String key, Object... args) {
        return messages.getMessage(key, args, ui.locale());
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    record ColumnRow(String attribute, String label, int position, Integer width) {
    }

    record Choice(String key, String label) {
    }

    record SortRow(int n, String attribute, boolean descending) {
    }

    /** A condition row: index, field, operator, value (text), the field's kind, its operators and options. */
    record ConditionRow(int i, String attribute, String operator, String value, String kind, List<Choice> operators,
            List<Choice> options) {
        public boolean selectValue() {
            return "select".equals(kind) && !"IN".equals(operator);
        }
    }
}
