package io.rapport.web.internal.customize;

import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import io.rapport.pipeline.MetadataMessages.CreateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.DeleteOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertStatusValueRequest;
import io.rapport.pipeline.MetadataMessages.UpdateOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.UpdateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * The customization area for administrators and System Customizers: rename entities and fields per language, add
 * fields (and put them on the main form and default view), add, relabel and delete the options of a choice field
 * and add status reasons to a state, add custom entities. Every change is a customization message (UpdateEntity,
 * UpdateAttribute, CreateAttribute, InsertOptionValue, InsertStatusValue, UpdateOptionValue, DeleteOptionValue,
 * CreateEntity) run by the pipeline as the signed-in user, with its privilege check and audit entry, and is live at
 * once.
 */
@Controller
class CustomizationController {

    private final UiFactory uis;
    private final CustomizationService customization;
    private final OrganizationService organization;
    private final LayoutCatalog layouts;
    private final AdminPolicy admins;
    private final ErrorMessages errors;
    private final MessageSource messages;

    CustomizationController(UiFactory uis, CustomizationService customization, OrganizationService organization,
            LayoutCatalog layouts, AdminPolicy admins, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.customization = customization;
        this.organization = organization;
        this.layouts = layouts;
        this.admins = admins;
        this.errors = errors;
        this.messages = messages;
    }

    @GetMapping("/settings/customization")
    String entities(Locale locale, Model model) {
        Ui ui = admin(locale);
        model.addAttribute("entities", ui.snapshot().entities().stream().filter(e -> !e.isIntersect())
                .sorted(Comparator.comparing(e -> e.label(locale), String.CASE_INSENSITIVE_ORDER))
                .map(e -> new EntityRow(e.logicalName(), e.label(locale), e.collectionLabel(locale), e.custom()))
                .toList());
        model.addAttribute("prefix", customization.publisherPrefix());
        return "customize/entities";
    }

    @GetMapping("/settings/customization/{entity}")
    String entity(@PathVariable String entity, Locale locale, Model model) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        model.addAttribute("e", e);
        model.addAttribute("label", e.label(locale));
        model.addAttribute("languages", Label.LANGUAGES);
        model.addAttribute("attributes", e.attributes().stream()
                .sorted(Comparator.comparing(a -> a.label(locale), String.CASE_INSENSITIVE_ORDER)).toList());
        model.addAttribute("prefix", customization.publisherPrefix());
        model.addAttribute("types", FieldTypes.CHOICES);
        model.addAttribute("targets", ui.snapshot().entities().stream().filter(x -> !x.isIntersect())
                .sorted(Comparator.comparing(x -> x.label(locale), String.CASE_INSENSITIVE_ORDER)).toList());
        model.addAttribute("locale", locale);
        return "customize/entity";
    }

    @PostMapping("/settings/customization/{entity}/rename")
    String renameEntity(@PathVariable String entity, @RequestParam java.util.Map<String, String> form, Locale locale,
            RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        run(flash, e, locale, () -> organization.execute(UpdateEntityRequest.rename(entity,
                FieldTypes.label(form, "name_"), FieldTypes.label(form, "plural_"))));
        return "redirect:/settings/customization/" + entity;
    }

    @PostMapping("/settings/customization/{entity}/fields/{attribute}")
    String changeField(@PathVariable String entity, @PathVariable String attribute,
            @RequestParam java.util.Map<String, String> form, Locale locale, RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        AttributeMetadata a = e.attribute(attribute);
        run(flash, e, locale, () -> {
            Label label = FieldTypes.label(form, "label_");
            String level = form.get("requiredLevel");
            RequiredLevel required = level != null && !level.isBlank() && RequiredLevel.fromJson(level)
                    != a.requiredLevel() ? RequiredLevel.fromJson(level) : null;
            if (!label.isEmpty() || required != null) {
                organization.execute(new UpdateAttributeRequest(entity, attribute, label.isEmpty() ? null : label,
                        required));
            }
        });
        return "redirect:/settings/customization/" + entity;
    }

    @PostMapping("/settings/customization/{entity}/fields")
    String addField(@PathVariable String entity, @RequestParam java.util.Map<String, String> form, Locale locale,
            RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        run(flash, e, locale, () -> {
            AttributeMetadata a = FieldTypes.attribute(customization.publisherPrefix(), form);
            organization.execute(new CreateAttributeRequest(entity, a));
            Ui after = uis.create(locale);
            if (form.containsKey("addToForm")) {
                layouts.saveForm(after, layouts.form(after, entity).plusField(a.logicalName()));
            }
            if (form.containsKey("addToView")) {
                ViewDefinition view = layouts.systemViews(after, entity).get(0);
                layouts.saveSystemView(after, view.plusColumn(a.logicalName()));
            }
        });
        return "redirect:/settings/customization/" + entity;
    }

    @GetMapping("/settings/customization/{entity}/fields/{attribute}/options")
    String options(@PathVariable String entity, @PathVariable String attribute, Locale locale, Model model) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        AttributeMetadata a = choice(e, attribute);
        model.addAttribute("e", e);
        model.addAttribute("a", a);
        model.addAttribute("label", e.label(locale));
        model.addAttribute("fieldLabel", a.label(locale));
        model.addAttribute("languages", Label.LANGUAGES);
        model.addAttribute("status", a.type() == AttributeType.STATUS);
        model.addAttribute("fixed", a.type() == AttributeType.STATE);
        List<OptionMetadata> states = a.type() == AttributeType.STATUS ? e.findAttribute("statecode")
                .map(x -> x.optionSet().options()).orElse(List.of()) : List.of();
        java.util.Map<Integer, String> stateLabels = new java.util.HashMap<>();
        states.forEach(o -> stateLabels.put(o.value(), o.label().get(locale)));
        model.addAttribute("states", states);
        model.addAttribute("stateLabels", stateLabels);
        model.addAttribute("locale", locale);
        return "customize/options";
    }

    @PostMapping("/settings/customization/{entity}/fields/{attribute}/options")
    String addOption(@PathVariable String entity, @PathVariable String attribute,
            @RequestParam java.util.Map<String, String> form, Locale locale, RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        AttributeMetadata a = choice(e, attribute);
        run(flash, e, locale, () -> {
            Label label = FieldTypes.label(form, "label_");
            OptionMetadata option = new OptionMetadata(0, label);
            if (a.type() == AttributeType.STATUS) {
                String state = form.get("state");
                organization.execute(new InsertStatusValueRequest(entity, attribute,
                        state == null || state.isBlank() ? null : Integer.valueOf(state), option));
            } else {
                organization.execute(new InsertOptionValueRequest(a.globalOptionSet(),
                        a.globalOptionSet() == null ? entity : null, a.globalOptionSet() == null ? attribute : null,
                        option));
            }
        });
        return "redirect:" + optionsPath(entity, attribute);
    }

    @PostMapping("/settings/customization/{entity}/fields/{attribute}/options/{value}")
    String relabelOption(@PathVariable String entity, @PathVariable String attribute, @PathVariable int value,
            @RequestParam java.util.Map<String, String> form, Locale locale, RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        AttributeMetadata a = choice(e, attribute);
        run(flash, e, locale, () -> organization.execute(new UpdateOptionValueRequest(a.globalOptionSet(),
                a.globalOptionSet() == null ? entity : null, a.globalOptionSet() == null ? attribute : null, value,
                FieldTypes.label(form, "label_"), true)));
        return "redirect:" + optionsPath(entity, attribute);
    }

    @PostMapping("/settings/customization/{entity}/fields/{attribute}/options/{value}/delete")
    String deleteOption(@PathVariable String entity, @PathVariable String attribute, @PathVariable int value,
            Locale locale, RedirectAttributes flash) {
        Ui ui = admin(locale);
        EntityMetadata e = ui.entity(entity);
        AttributeMetadata a = choice(e, attribute);
        run(flash, e, locale, () -> organization.execute(new DeleteOptionValueRequest(a.globalOptionSet(),
                a.globalOptionSet() == null ? entity : null, a.globalOptionSet() == null ? attribute : null, value)));
        return "redirect:" + optionsPath(entity, attribute);
    }

    private static String optionsPath(String entity, String attribute) {
        return "/settings/customization/" + entity + "/fields/" + attribute + "/options";
    }

    /** The choice field (one with options) of the entity, or 404. */
    private static AttributeMetadata choice(EntityMetadata e, String attribute) {
        return e.findAttribute(attribute).filter(a -> a.optionSet() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/settings/customization/entities")
    String addEntity(@RequestParam java.util.Map<String, String> form, Locale locale, RedirectAttributes flash) {
        admin(locale);
        String name = customization.publisherPrefix() + FieldTypes.suffix(form.get("name"));
        boolean ok = run(flash, null, locale, () -> organization.execute(new CreateEntityRequest(new EntityMetadata(
                name, null, null, null, FieldTypes.label(form, "name_"), FieldTypes.label(form, "plural_"), null, null,
                null, null, null, null, null, null, null, null, List.of(), null, null))));
        return ok ? "redirect:/settings/customization/" + name : "redirect:/settings/customization";
    }

    private boolean run(RedirectAttributes flash, EntityMetadata e, Locale locale, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", messages.getMessage("customize.published", null, locale));
            return true;
        } catch (RapportException ex) {
            flash.addFlashAttribute("alert", errors.message(ex, e, locale));
            return false;
        } catch (IllegalArgumentException ex) {
            flash.addFlashAttribute("alert", messages.getMessage("customize.invalid", new Object[] {ex.getMessage()},
                    locale));
            return false;
        }
    }

    private Ui admin(Locale locale) {
        if (!admins.canCustomize()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return uis.create(locale);
    }

    /** One entity in the list. */
    record EntityRow(String logicalName, String label, String collectionLabel, boolean custom) {
    }
}
