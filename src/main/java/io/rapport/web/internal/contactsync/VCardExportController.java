package io.rapport.web.internal.contactsync;

import io.rapport.contactsync.VCards;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityCollection;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.list.ListQueryBuilder;
import io.rapport.web.internal.list.ListState;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Contacts as a {@code .vcf} download: the contact list as shown (view, filters, search; every page) or the contacts
 * named by {@code id} parameters (a selection, or one contact's form), read as the signed-in person a page at a time.
 * The list's check boxes select contacts for its "vCard: selected" button ({@code scope=selected}), as for a quick
 * campaign.
 */
@Controller
class VCardExportController {

    static final int PAGE = 1000;

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final MessageSource messages;

    VCardExportController(UiFactory uis, LayoutCatalog layouts, MessageSource messages) {
        this.uis = uis;
        this.layouts = layouts;
        this.messages = messages;
    }

    @GetMapping("/app/contact/export.vcf")
    String export(@RequestParam MultiValueMap<String, String> params,
            @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(defaultValue = "3.0") String version, @RequestParam(required = false) String scope,
            Locale locale, Model model, HttpServletResponse response) throws IOException {
        Ui ui = uis.create(locale);
        // the list's "selected" button: without a selection it exports nothing rather than the whole view
        if ("selected".equals(scope) && (ids == null || ids.isEmpty())) {
            response.setStatus(400);
            model.addAttribute("problem", messages.getMessage("list.exportVCard.noneSelected", null, locale));
            model.addAttribute("status", 400);
            return "problem";
        }
        ListState state = ListState.from(params);
        ViewDefinition view = layouts.view(ui, "contact", state.view());
        QueryExpression.Builder query = ListQueryBuilder.query(ui.snapshot(), ui.entity("contact"), view, state)
                .columns(ColumnSet.of(VCards.COLUMNS));
        if (ids != null && !ids.isEmpty()) {
            query = QueryExpression.from("contact").columns(ColumnSet.of(VCards.COLUMNS))
                    .where(Condition.of("contactid", ConditionOperator.IN, ids.stream().limit(PAGE).toArray()));
        }
        ui.service().checkPrivilege("contact", Privilege.READ);
        response.setContentType("text/vcard;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("contacts.vcf", StandardCharsets.UTF_8).build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        for (int page = 1; ; page++) {
            EntityCollection found = ui.service().retrieveMultiple(query.paging(PagingInfo.page(page, PAGE)).build());
            VCards.write(found.entities(), "4.0".equals(version), out);
            out.flush();
            if (!found.moreRecords()) {
                return null;
            }
        }
    }
}
