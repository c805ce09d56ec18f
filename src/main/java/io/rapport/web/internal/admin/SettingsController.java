package io.rapport.web.internal.admin;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationSettings;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Dynamics' Settings for a System Administrator: every administrative area as a link, grouped as Dynamics groups
 * them (system, business, customization, service, product catalog). An entity's area is shown only while the
 * entity exists (the modules that bring it may be absent); its label is the entity's plural label in the page's
 * language.
 */
@Controller
class SettingsController {

    /** The groups of the page and what each lists: an entity's list, or a page of its own ({@code /...}). */
    static final List<Group> GROUPS = List.of(
            new Group("system", List.of("systemuser", "team", "businessunit", "/settings/roles", "fieldsecurityprofile",
                    "mailbox", "/settings/autonumbering")),
            new Group("business", List.of("transactioncurrency", "connectionrole", "duplicaterule", "attributemap",
                    "template", "calendar")),
            new Group("customization", List.of("/settings/customization", "/settings/forms")),
            new Group("service", List.of("queue", "subject", "sla", "contracttemplate", "entitlement")),
            new Group("catalog", List.of("product", "pricelevel", "uomschedule", "discounttype")),
            new Group("marketing", List.of("list", "campaign")));

    private final UiFactory uis;
    private final AdminPolicy admins;

    SettingsController(UiFactory uis, AdminPolicy admins) {
        this.uis = uis;
        this.admins = admins;
    }

    @GetMapping({"/settings", "/settings/"})
    String settings(Locale locale, Model model) {
        if (!admins.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Ui ui = uis.create(locale);
        model.addAttribute("groups", groups(ui.snapshot(), locale));
        return "admin/settings";
    }

    /**
     * Dynamics' Auto-numbering settings: the organization record's form (its name, base currency and the prefixes of
     * quote, order, invoice, case and contract numbers), saved through the pipeline like any record.
     */
    @GetMapping("/settings/autonumbering")
    String autonumbering(Locale locale) {
        if (!admins.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<Entity> record = uis.create(locale).service().retrieveMultiple(QueryExpression
                .from(OrganizationSettings.ENTITY).columns(ColumnSet.none()).top(1).build()).entities();
        if (record.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/app/" + OrganizationSettings.ENTITY + "/" + record.get(0).id() + "?area=settings";
    }

    static List<ShownGroup> groups(MetadataSnapshot snapshot, Locale locale) {
        List<ShownGroup> result = new ArrayList<>();
        for (Group g : GROUPS) {
            List<Entry> entries = new ArrayList<>();
            for (String item : g.items()) {
                if (item.startsWith("/")) {
                    String key = item.substring(item.lastIndexOf('/') + 1);
                    entries.add(new Entry("settings-" + key, item, null, "settings.page." + key));
                } else {
                    snapshot.findEntity(item).ifPresent(e -> entries.add(new Entry("settings-" + item,
                            "/app/" + item + "?area=settings", e.collectionLabel(locale), null)));
                }
            }
            if (!entries.isEmpty()) {
                result.add(new ShownGroup(g.key(), entries));
            }
        }
        return result;
    }

    record Group(String key, List<String> items) {
    }

    record ShownGroup(String key, List<Entry> entries) {
    }

    /** A link: its label is {@code label} (an entity's) or the message {@code labelKey}. */
    record Entry(String id, String href, String label, String labelKey) {
    }
}
