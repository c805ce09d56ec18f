package io.rapport.web.internal.customize;

import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.web.internal.layout.FormDefinition;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.Subgrids;
import io.rapport.web.internal.list.GridBuilder;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The form editor of Customization: every field of an entity's main form with the section it sits in (any
 * section of any tab, or off the form) and its position there; fields added to a section; new sections; the
 * related-record subgrids kept or removed; sections removed (their fields leave the form, as in Dynamics; a tab keeps
 * one section at least); subgrids added to a section (a relationship's records through a system view
 * of the related entity, chosen from the views htmx loads for the relationship) or removed from it. Saving stores
 * the form (a systemform record, through the pipeline as the administrator), and every user's next page shows it:
 * layouts are cached by the UI configuration version that the save raises, on every node, without a restart.
 */
@Controller
class FormEditorController {

    static final String OFF_FORM = "";

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final AdminPolicy admins;
    private final ErrorMessages errors;
    private final MessageSource messages;
    private final GridBuilder grids;

    FormEditorController(UiFactory uis, LayoutCatalog layouts, AdminPolicy admins, ErrorMessages errors,
            MessageSource messages, GridBuilder grids) {
        this.grids = grids;
        this.uis = uis;
        this.layouts = layouts;
        this.admins = admins;
        this.errors = errors;
        this.messages = messages;
    }

    @GetMapping("/settings/forms")
    String entities(Locale locale, Model model) {
        Ui ui = admin(locale);
        model.addAttribute("entities", ui.snapshot().entities().stream().filter(e -> !e.isIntersect())
                .sorted(Comparator.comparing(e -> e.label(locale), String.CASE_INSENSITIVE_ORDER))
                .map(e -> new CustomizationController.EntityRow(e.logicalName(), e.label(locale),
                        e.collectionLabel(locale), e.custom())).toList());
        return "customize/forms";
    }

    @GetMapping("/settings/forms/{entity}")
    String form(@PathVariable String entity, Locale locale, Model model) {
        Ui ui = admin(locale);
        fill(ui, ui.entity(entity), layouts.form(ui, entity), model);
        return "customize/form";
    }

    @PostMapping("/settings/forms/{entity}")
    String save(@PathVariable String entity, @RequestParam Map<String, String> form, Locale locale, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        FormDefinition current = layouts.form(ui, entity);
        List<String> problems = new ArrayList<>();
        FormDefinition changed = apply(ui, e, current, form, locale, problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", problems);
            fill(ui, e, current, model);
            return "customize/form";
        }
        try {
            layouts.saveForm(ui, changed);
            flash.addFlashAttribute("notice", messages.getMessage("customize.published", null, locale));
        } catch (RapportException ex) {
            flash.addFlashAttribute("alert", errors.message(ex, e, locale));
        }
        return "redirect:/settings/forms/" + entity;
    }

    /** The form as posted: every error is collected, and the form is only changed when there is none. */
    FormDefinition apply(Ui ui, EntityMetadata e, FormDefinition current, Map<String, String> form, Locale locale,
            List<String> problems) {
        // the places: "tab/section" of every section, in order
        Map<String, List<Placed>> placed = new LinkedHashMap<>();
        current.tabs().forEach(t -> t.sections().forEach(s -> placed.put(place(t, s), new ArrayList<>())));
        String newSection = null;
        Label newLabel = FieldTypes.label(form, "section_");
        String newTab = form.getOrDefault("sectionTab", "");
        if (!newLabel.isEmpty()) {
            if (current.tabs().stream().noneMatch(t -> t.key().equals(newTab))) {
                problems.add(text("formEditor.chooseTab", locale));
            } else {
                newSection = newTab + "/s" + (placed.size() + 1) + "_" + Long.toString(System.nanoTime(), 36);
                placed.put(newSection, new ArrayList<>());
            }
        }
        // the sections removed: what is placed in them leaves the form
        java.util.Set<String> dropped = new java.util.HashSet<>();
        for (FormDefinition.Tab t : current.tabs()) {
            long kept = t.sections().stream().filter(s -> !form.containsKey("dropSection." + place(t, s))).count();
            t.sections().stream().filter(s -> form.containsKey("dropSection." + place(t, s)))
                    .forEach(s -> dropped.add(place(t, s)));
            boolean added = newSection != null && newSection.startsWith(t.key() + "/");
            if (kept == 0 && !added && !t.sections().isEmpty()) {
                problems.add(text("formEditor.lastSection", locale, title(t.labelKey(), t.label(), ui)));
            }
        }
        int index = 0;
        for (String field : current.fields()) {
            index++;
            String where = form.containsKey("place." + field) ? form.get("place." + field) : placeOf(current, field);
            if (OFF_FORM.equals(where) || dropped.contains(where)) {
                continue;
            }
            if (!placed.containsKey(where)) {
                problems.add(text("formEditor.unknownSection", locale, label(e, field, locale)));
                continue;
            }
            Integer position = position(form.get("pos." + field), index);
            if (position == null) {
                problems.add(text("formEditor.badPosition", locale, label(e, field, locale)));
                position = index;
            }
            placed.get(where).add(new Placed(field, position, index));
        }
        String added = form.getOrDefault("add", "").trim();
        if (!added.isEmpty()) {
            String where = form.getOrDefault("addTo", "");
            if (!e.hasAttribute(added) || current.fields().contains(added) || !addable(e.attribute(added))) {
                problems.add(text("formEditor.cannotAdd", locale, added));
            } else if (!placed.containsKey(where) || dropped.contains(where)) {
                problems.add(text("formEditor.unknownSection", locale, label(e, added, locale)));
            } else {
                placed.get(where).add(new Placed(added, Integer.MAX_VALUE, Integer.MAX_VALUE));
            }
        }
        // the primary name stays on the form: a record without it cannot be told apart
        if (placed.values().stream().flatMap(List::stream).noneMatch(p -> p.field().equals(e.primaryNameAttribute()))
                && current.fields().contains(e.primaryNameAttribute())) {
            problems.add(text("formEditor.primaryNameStays", locale, label(e, e.primaryNameAttribute(), locale)));
        }
        List<String> subgrids = new ArrayList<>();
        if (current.subgrids() != null) {
            for (String s : current.subgrids()) {
                if (!form.containsKey("dropGrid." + s)) {
                    subgrids.add(s);
                }
            }
        }
        // the sections' subgrids: those kept, and the one added (a relationship a form may show, a system view of
        // the related entity, a section of this form)
        Map<String, List<FormDefinition.SectionGrid>> grids = new LinkedHashMap<>();
        current.tabs().forEach(t -> t.sections().forEach(s -> grids.put(place(t, s), new ArrayList<>(s.grids()
                .stream().filter(g -> !form.containsKey("dropSectionGrid." + place(t, s) + "." + g.relationship()))
                .toList()))));
        if (newSection != null) {
            grids.put(newSection, new ArrayList<>());
        }
        String gridRelationship = form.getOrDefault("gridRelationship", "").trim();
        if (!gridRelationship.isEmpty()) {
            Optional<OneToManyRelationship> r = Subgrids.offered(ui, e.logicalName()).stream()
                    .filter(x -> x.schemaName().equals(gridRelationship)).findFirst();
            String where = form.getOrDefault("gridSection", "");
            String view = form.getOrDefault("gridView", "").trim();
            if (r.isEmpty()) {
                problems.add(text("formEditor.cannotAddSubgrid", locale, gridRelationship));
            } else if (!grids.containsKey(where) || dropped.contains(where)) {
                problems.add(text("formEditor.chooseSection", locale));
            } else if (!view.isEmpty() && layouts.systemViews(ui, r.get().referencingEntity()).stream()
                    .noneMatch(v -> v.key().equals(view))) {
                problems.add(text("formEditor.unknownView", locale));
            } else if (grids.get(where).stream().anyMatch(g -> g.relationship().equals(gridRelationship))) {
                problems.add(text("formEditor.subgridTwice", locale));
            } else {
                grids.get(where).add(new FormDefinition.SectionGrid(gridRelationship, view.isEmpty() ? null : view));
            }
        }
        List<FormDefinition.Tab> tabs = new ArrayList<>();
        for (FormDefinition.Tab t : current.tabs()) {
            List<FormDefinition.Section> sections = new ArrayList<>();
            for (FormDefinition.Section s : t.sections()) {
                if (!dropped.contains(place(t, s))) {
                    sections.add(new FormDefinition.Section(s.key(), s.labelKey(), s.label(), s.columns(),
                            fields(placed.get(place(t, s))), grids.get(place(t, s))));
                }
            }
            if (newSection != null && newSection.startsWith(t.key() + "/")) {
                sections.add(new FormDefinition.Section(newSection.substring(t.key().length() + 1), null, newLabel, 2,
                        fields(placed.get(newSection)), grids.get(newSection)));
            }
            tabs.add(new FormDefinition.Tab(t.key(), t.labelKey(), t.label(), sections));
        }
        return new FormDefinition(current.entity(), tabs, current.subgrids() == null ? null : subgrids);
    }

    private void fill(Ui ui, EntityMetadata e, FormDefinition definition, Model model) {
        Locale locale = ui.locale();
        List<Place> places = new ArrayList<>();
        List<SectionView> sections = new ArrayList<>();
        for (FormDefinition.Tab t : definition.tabs()) {
            String tabTitle = title(t.labelKey(), t.label(), ui);
            for (FormDefinition.Section s : t.sections()) {
                String sectionTitle = title(s.labelKey(), s.label(), ui);
                String place = place(t, s);
                places.add(new Place(place, tabTitle + " › " + (sectionTitle.isEmpty() ? s.key() : sectionTitle)));
                List<FieldView> fields = new ArrayList<>();
                int position = 1;
                for (String f : s.fields()) {
                    fields.add(new FieldView(f, label(e, f, locale), place, position++));
                }
                List<Place> sectionGrids = new ArrayList<>();
                for (FormDefinition.SectionGrid g : s.grids()) {
                    ui.snapshot().oneToManyOf(e.logicalName()).stream()
                            .filter(r -> r.schemaName().equals(g.relationship())).findFirst()
                            .ifPresent(r -> sectionGrids.add(new Place(g.relationship(),
                                    Subgrids.label(messages, ui, r, true))));
                }
                sections.add(new SectionView(place, tabTitle, sectionTitle.isEmpty() ? s.key() : sectionTitle,
                        fields, sectionGrids));
            }
        }
        List<String> on = definition.fields();
        model.addAttribute("entity", e.logicalName());
        model.addAttribute("entityLabel", e.label(locale));
        model.addAttribute("sections", sections);
        model.addAttribute("places", places);
        model.addAttribute("tabs", definition.tabs().stream().map(t -> new Place(t.key(), title(t.labelKey(),
                t.label(), ui))).toList());
        model.addAttribute("addable", e.attributes().stream()
                .filter(a -> !on.contains(a.logicalName()) && addable(a))
                .sorted(Comparator.comparing(a -> a.label(locale), String.CASE_INSENSITIVE_ORDER))
                .map(a -> new Place(a.logicalName(), a.label(locale))).toList());
        List<Place> subgrids = new ArrayList<>();
        if (definition.subgrids() != null) {
            for (String name : definition.subgrids()) {
                ui.snapshot().oneToManyOf(e.logicalName()).stream().filter(r -> r.schemaName().equals(name))
                        .findFirst().ifPresent(r -> {
                            String label = messages.getMessage("related." + name, null, null, locale);
                            subgrids.add(new Place(name, label != null ? label : ui.entity(r.referencingEntity())
                                    .collectionLabel(locale) + " (" + ui.entity(r.referencingEntity())
                                    .attribute(r.referencingAttribute()).label(locale) + ")"));
                        });
            }
        }
        model.addAttribute("subgrids", subgrids);
        model.addAttribute("gridRelationships", Subgrids.offered(ui, e.logicalName()).stream()
                .map(r -> new Place(r.schemaName(), Subgrids.label(messages, ui, r, true)))
                .sorted(Comparator.comparing(Place::label, String.CASE_INSENSITIVE_ORDER)).toList());
        model.addAttribute("gridViews", List.of());
    }

    /** The system views of the entity a relationship lists, for the subgrid being added (htmx). */
    @GetMapping("/settings/forms/{entity}/grid-views")
    String gridViews(@PathVariable String entity, @RequestParam(defaultValue = "") String gridRelationship,
            Locale locale, Model model) {
        Ui ui = admin(locale);
        List<Place> views = new ArrayList<>();
        Subgrids.offered(ui, ui.entity(entity).logicalName()).stream()
                .filter(r -> r.schemaName().equals(gridRelationship)).findFirst().ifPresent(r -> {
                    EntityMetadata child = ui.entity(r.referencingEntity());
                    layouts.systemViews(ui, child.logicalName()).forEach(v -> views.add(new Place(v.key(),
                            grids.viewName(ui, child, v))));
                });
        model.addAttribute("gridViews", views);
        return "customize/form :: gridViews";
    }

    static boolean addable(AttributeMetadata a) {
        return a.type() != AttributeType.UNIQUEIDENTIFIER
                && !a.logicalName().endsWith("_base") && !a.logicalName().equals("versionnumber");
    }

    private static List<String> fields(List<Placed> placed) {
        return placed == null ? List.of() : placed.stream()
                .sorted(Comparator.comparingInt(Placed::position).thenComparingInt(Placed::order))
                .map(Placed::field).toList();
    }

    private static Integer position(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(value.trim());
            return p < 1 || p > 1000 ? null : p;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String place(FormDefinition.Tab t, FormDefinition.Section s) {
        return t.key() + "/" + s.key();
    }

    private static String placeOf(FormDefinition form, String field) {
        for (FormDefinition.Tab t : form.tabs()) {
            for (FormDefinition.Section s : t.sections()) {
                if (s.fields().contains(field)) {
                    return place(t, s);
                }
            }
        }
        return OFF_FORM;
    }

    private String title(String key, Label label, Ui ui) {
        if (label != null && !label.isEmpty()) {
            return label.get(ui.language());
        }
        return key == null ? "" : messages.getMessage(key, null, key, ui.locale());
    }

    private static String label(EntityMetadata e, String field, Locale locale) {
        return e.findAttribute(field).map(a -> a.label(locale)).orElse(field);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private Ui admin(Locale locale) {
        if (!admins.canCustomize()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return uis.create(locale);
    }

    private record Placed(String field, int position, int order) {
    }

    record Place(String key, String label) {
    }

    record FieldView(String name, String label, String place, int position) {
    }

    record SectionView(String place, String tab, String title, List<FieldView> fields, List<Place> grids) {
    }
}
