package io.rapport.web.internal.marketing;

import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingListMembers;
import io.rapport.query.ColumnSet;
import io.rapport.query.FetchXmlWriter;
import io.rapport.record.Entity;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.list.ListQueryBuilder;
import io.rapport.web.internal.list.ListState;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A dynamic marketing list's query, edited with the list views' own filter builder: "Edit the query" opens the list
 * view of the list's member type with {@code forlist}; the view, quick find and column filters choose the records,
 * the grid below them is the preview of the members, and "Save as the list's query" turns that list state into
 * FetchXML ({@link ListQueryBuilder}, the query the view runs, written by {@link FetchXmlWriter}) and updates the
 * list through the pipeline as the signed-in user. The state is kept beside the query (an XML comment after it), so
 * that "Edit the query" reopens the view and filters it was saved from.
 */
@Controller
public class ListQueryEditor {

    private static final String STATE_COMMENT = "<!--rapport:listview ";

    /** The dynamic list whose query a list view is editing. */
    public record Target(UUID id, String name) {
    }

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final ErrorMessages errors;
    private final MessageSource messages;

    ListQueryEditor(UiFactory uis, LayoutCatalog layouts, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.layouts = layouts;
        this.errors = errors;
        this.messages = messages;
    }

    /**
     * The dynamic list a list view of {@code entity} edits the query of, when the request names one ({@code forlist})
     * the user may read and whose members are of that entity.
     */
    public static Optional<Target> target(Ui ui, String entity, String forList) {
        if (forList == null || forList.isBlank()) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(forList.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Entity list = ui.service().retrieve("list", id, ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
        if (!MarketingListMembers.dynamic(list) || !entity.equals(MarketingListMembers.memberEntity(list))) {
            return Optional.empty();
        }
        return Optional.of(new Target(id, list.getString("listname")));
    }

    @GetMapping("/app/list/{id}/query")
    String edit(@PathVariable UUID id, Locale locale) {
        Ui ui = uis.create(locale);
        Entity list = ui.service().retrieve("list", id, ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
        if (!MarketingListMembers.dynamic(list)) {
            throw RapportException.invalid("The marketing list '" + list.getString("listname") + "' is static: its "
                    + "members are added one by one, it has no query to edit.");
        }
        String entity = MarketingListMembers.memberEntity(list);
        String state = savedState(ui, entity, list.getString("query")).map(q -> q.isEmpty() ? "" : q + "&")
                .orElse("");
        return "redirect:/app/" + entity + "?" + state + "forlist=" + id;
    }

    /**
     * The list view state (view, quick find, column filters) the query was saved from, kept in the FetchXML as a
     * comment after its root element; only while the query is still the one that state gives (a query changed
     * since, over the Web API or by hand, opens the default view rather than filters that no longer say it).
     */
    Optional<String> savedState(Ui ui, String entity, String fetchXml) {
        if (fetchXml == null) {
            return Optional.empty();
        }
        int at = fetchXml.lastIndexOf(STATE_COMMENT);
        int end = fetchXml.lastIndexOf("-->");
        if (at < 0 || end < at) {
            return Optional.empty();
        }
        String query = fetchXml.substring(at + STATE_COMMENT.length(), end).trim();
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("state", query);
        try {
            ListState state = ListState.from(QuickCampaignController.state(params));
            return fetchXml.equals(fetchXml(ui, entity, state)) ? Optional.of(state.query()) : Optional.empty();
        } catch (RapportException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The FetchXML of a list view state, with the state itself as a comment to reopen it with. */
    private String fetchXml(Ui ui, String entity, ListState state) {
        ListState first = state.withPage(1);
        // a percent-encoded query string has no "--", which a comment may not hold; its "-" are escaped too
        return FetchXmlWriter.write(ListQueryBuilder.query(ui.snapshot(), ui.entity(entity), layouts.view(ui, entity,
                first.view()), first).build()) + STATE_COMMENT + first.query().replace("-", "%2D") + "-->";
    }

    @PostMapping("/app/list/{id}/query")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Locale locale,
            RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        Entity list = ui.service().retrieve("list", id, ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
        String entity = MarketingListMembers.memberEntity(list);
        try {
            if (!MarketingListMembers.dynamic(list)) {
                throw RapportException.invalid("The marketing list '" + list.getString("listname") + "' is static: "
                        + "its members are added one by one, it has no query to edit.");
            }
            ListState state = ListState.from(QuickCampaignController.state(params));
            ui.service().update(new Entity("list", id).set("query", fetchXml(ui, entity, state)));
            flash.addFlashAttribute("notice", messages.getMessage("marketing.listQuery.saved", null, ui.locale()));
            return "redirect:/app/list/" + id;
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity("list"), ui.locale()));
            return "redirect:/app/list/" + id;
        }
    }
}
