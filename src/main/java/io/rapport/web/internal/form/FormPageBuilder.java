package io.rapport.web.internal.form;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.layout.FormDefinition;
import io.rapport.web.internal.layout.Subgrids;
import io.rapport.web.internal.support.Currencies;
import io.rapport.web.internal.support.CurrencyCodes;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.States;
import io.rapport.web.internal.support.Ui;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Shapes a form definition, a record and (after a failed save) the posted values and errors into a page. */
@Component
class FormPageBuilder {

    private final CurrencyCodes currencyCodes;
    private final MessageSource messages;
    private final EditorRules editors;

    FormPageBuilder(MessageSource messages, EditorRules editors, CurrencyCodes currencyCodes) {
        this.messages = messages;
        this.editors = editors;
        this.currencyCodes = currencyCodes;
    }

    /** Input state of a page being rebuilt after a failed save. */
    record Posted(Map<String, String> raw, Map<String, String> displayNames, Map<String, String> errors,
            String formError, boolean conflict) {
        static final Posted NONE = new Posted(Map.of(), Map.of(), Map.of(), null, false);
    }

    FormPage build(Ui ui, EntityMetadata e, FormDefinition form, Entity record, Posted posted) {
        Currencies currencies = currencyCodes.current();
        String currency = record == null ? currencies.base() : currencies.codeOf(record);
        boolean readOnly = ClosedRecords.readOnly(e, record);
        List<FormPage.Tab> tabs = new ArrayList<>();
        for (FormDefinition.Tab t : form.tabs()) {
            List<FormPage.Section> sections = new ArrayList<>();
            for (FormDefinition.Section s : t.sections()) {
                List<Field> fields = new ArrayList<>();
                for (String name : s.fields()) {
                    e.findAttribute(name).ifPresent(a -> fields.add(field(ui, e, a, record, posted, currency,
                            readOnly)));
                }
                List<FormPage.SectionGrid> grids = record == null ? List.of() : sectionGrids(ui, e, s);
                if (!fields.isEmpty() || !grids.isEmpty()) {
                    sections.add(new FormPage.Section(s.key(), title(ui, s.labelKey(), s.label()), s.columns(),
                            fields, grids));
                }
            }
            tabs.add(new FormPage.Tab(t.key(), title(ui, t.labelKey(), t.label()), sections, 0, false));
        }
        // the summary lists every field in error in form order; the tabs holding them are marked, and the first
        // such tab is the one shown, so that no message sits unseen on a hidden tab
        List<FormPage.Problem> problems = new ArrayList<>();
        String firstTabInError = null;
        List<FormPage.Tab> marked = new ArrayList<>();
        for (FormPage.Tab t : tabs) {
            int count = 0;
            for (FormPage.Section s : t.sections()) {
                for (Field f : s.fields()) {
                    if (f.error() != null) {
                        count++;
                        problems.add(new FormPage.Problem(f.label(), f.error(), f.inputId(), t.key()));
                    }
                }
            }
            if (count > 0 && firstTabInError == null) {
                firstTabInError = t.key();
            }
            marked.add(new FormPage.Tab(t.key(), t.label(), t.sections(), count, false));
        }
        String shown = firstTabInError != null ? firstTabInError : marked.isEmpty() ? null : marked.get(0).key();
        tabs = marked.stream().map(t -> new FormPage.Tab(t.key(), t.label(), t.sections(), t.errors(),
                t.key().equals(shown))).toList();
        String name = record == null ? null : record.getString(e.primaryNameAttribute());
        String title = record == null ? messages.getMessage("form.newRecord", new Object[] {e.label(ui.locale())},
                ui.locale()) : name == null || name.isBlank() ? messages.getMessage("form.noName", null, ui.locale())
                : name;
        boolean inactive = record != null && e.hasStateCode() && record.get("statecode") instanceof Integer st
                && st != 0;
        String state = record == null ? null : record.formattedValues().get("statecode");
        return new FormPage(e.logicalName(), e.label(ui.locale()), e.collectionLabel(ui.locale()),
                record == null ? null : record.id(), title, record == null ? null : record.getLong("versionnumber"),
                tabs, record == null ? List.of() : subgrids(ui, e, form), States.isActiveInactive(e), inactive, state,
                record != null && timelineFor(ui, e.logicalName()), record != null && e.hierarchyAttribute() != null,
                posted.formError(), posted.conflict(), readOnly, readOnly && ClosedRecords.reopenKey(e) != null
                        ? messages.getMessage(ClosedRecords.reopenKey(e), null, ui.locale()) : null, problems,
                ActivityTypes.canMarkComplete(e, record));
    }

    private String title(Ui ui, String key, io.rapport.metadata.Label label) {
        if (label != null && !label.isEmpty()) {
            return label.get(ui.language());
        }
        return key == null ? "" : messages.getMessage(key, null, key, ui.locale());
    }

    private Field field(Ui ui, EntityMetadata e, AttributeMetadata a, Entity record, Posted posted, String currency,
            boolean readOnly) {
        String name = a.logicalName();
        Object stored = record == null ? a.defaultValue() : record.get(name);
        boolean editable = !readOnly && editors.editable(a, record == null);
        String kind = editable ? editors.kind(a) : "readonly";
        String value = posted.raw().containsKey(name) ? posted.raw().get(name) : inputValue(ui, a, stored);
        String display = record == null ? "" : Display.text(record, name);
        String href = null;
        if (stored instanceof EntityReference ref) {
            display = ref.name() == null ? "" : ref.name();
            href = ui.snapshot().findEntity(ref.logicalName()).isPresent()
                    ? "/app/" + ref.logicalName() + "/" + ref.id() : null;
        }
        if (posted.displayNames().containsKey(name)) {
            display = posted.displayNames().get(name);
        }
        List<Field.Choice> options = new ArrayList<>();
        if (a.optionSet() != null && a.type().hasOptions()) {
            for (OptionMetadata o : a.optionSet().options()) {
                options.add(new Field.Choice(Integer.toString(o.value()), o.label().get(ui.language())));
            }
        } else if ("boolean".equals(a.type().inputKind(a))) {
            options.add(new Field.Choice("0", messages.getMessage("common.no", null, ui.locale())));
            options.add(new Field.Choice("1", messages.getMessage("common.yes", null, ui.locale())));
        }
        List<String> selected = stored instanceof int[] many ? Arrays.stream(many).mapToObj(Integer::toString).toList()
                : List.of();
        String error = posted.errors().get(name);
        return new Field(name, a.label(ui.locale()), kind, a.isRequired(),
                a.requiredLevel() == RequiredLevel.RECOMMENDED, value, display, options, selected,
                String.join(",", a.targets()), a.maxLength(), step(a), "money".equals(a.type().inputKind(a)) ? currency
                : null,
                error, href);
    }

    private static String step(AttributeMetadata a) {
        if ("integer".equals(a.type().inputKind(a))) {
            return "1";
        }
        if (a.precision() != null && a.type().isNumeric()) {
            return a.precision() == 0 ? "1" : BigDecimal.ONE.movePointLeft(a.precision()).toPlainString();
        }
        return "any";
    }

    static String inputValue(Ui ui, AttributeMetadata a, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof EntityReference r) {
            return r.logicalName() + ":" + r.id();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Instant i) {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(i.atZone(ui.caller().zone()));
        }
        if (v instanceof int[] many) {
            return String.join(",", Arrays.stream(many).mapToObj(Integer::toString).toList());
        }
        return v.toString();
    }

    private List<FormPage.Subgrid> subgrids(Ui ui, EntityMetadata e, FormDefinition form) {
        List<OneToManyRelationship> chosen = new ArrayList<>();
        if (form.subgrids() != null) {
            List<OneToManyRelationship> rels = ui.snapshot().oneToManyOf(e.logicalName());
            for (String name : form.subgrids()) {
                rels.stream().filter(r -> r.schemaName().equals(name)).findFirst().ifPresent(chosen::add);
            }
        } else {
            chosen.addAll(Subgrids.offered(ui, e.logicalName()));
        }
        // a list of records the caller may not read is not shown at all (it would stay "Loading…": its load is refused)
        chosen.removeIf(r -> !readable(ui, r.referencingEntity()));
        List<FormPage.Subgrid> result = new ArrayList<>();
        for (OneToManyRelationship r : chosen) {
            long sameChild = chosen.stream().filter(x -> x.referencingEntity().equals(r.referencingEntity())).count();
            result.add(new FormPage.Subgrid(r.schemaName(), Subgrids.label(messages, ui, r, sameChild > 1),
                    r.referencingEntity(), r.referencingAttribute()));
        }
        return result;
    }

    /** A section's subgrids whose relationship exists (a relationship deleted since is left out). */
    private List<FormPage.SectionGrid> sectionGrids(Ui ui, EntityMetadata e, FormDefinition.Section s) {
        List<FormPage.SectionGrid> result = new ArrayList<>();
        for (FormDefinition.SectionGrid g : s.grids()) {
            ui.snapshot().oneToManyOf(e.logicalName()).stream().filter(r -> r.schemaName().equals(g.relationship()))
                    .filter(r -> readable(ui, r.referencingEntity()))
                    .findFirst().ifPresent(r -> result.add(new FormPage.SectionGrid(r.schemaName(),
                            Subgrids.label(messages, ui, r, true), g.view() == null ? "" : g.view())));
        }
        return result;
    }

    /** Whether the caller holds the read privilege on the entity (at any depth). */
    private static boolean readable(Ui ui, String entity) {
        try {
            ui.service().checkPrivilege(entity, io.rapport.pipeline.Privilege.READ);
            return true;
        } catch (io.rapport.error.RapportException ex) {
            if (ex.code() == io.rapport.error.ErrorCode.PRIVILEGE_DENIED) {
                return false;
            }
            throw ex;
        }
    }

    static boolean timelineFor(Ui ui, String entity) {
        return ui.snapshot().findEntity("annotation").flatMap(n -> n.findAttribute("objectid"))
                .map(a -> a.targets().contains(entity)).orElse(false)
                || ui.snapshot().findEntity("activitypointer").flatMap(n -> n.findAttribute("regardingobjectid"))
                        .map(a -> a.targets().contains(entity)).orElse(false);
    }
}
