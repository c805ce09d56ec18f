package io.rapport.web.internal.mail;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.sales.DocumentPdfController;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mail buttons, as the signed-in user through the pipeline: "Send" on an email form (SendEmail), "Insert
 * template" on a draft email (InstantiateTemplate), "Test
 * connection" on a mailbox form (TestMailboxConnection), and "Send by email" on a quote, order or invoice: a draft
 * email regarding the document (its customer as recipient when the customer is a contact) with the document's PDF
 * attached, opened for the user to complete and send.
 */
@Controller
class MailController {

    private static final Set<String> DOCUMENTS = Set.of("quote", "salesorder", "invoice");

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final MessageSource messages;
    private final DocumentPdfController pdfs;

    MailController(UiFactory uis, ErrorMessages errors, MessageSource messages, DocumentPdfController pdfs) {
        this.uis = uis;
        this.errors = errors;
        this.messages = messages;
        this.pdfs = pdfs;
    }

    @PostMapping("/app/email/{id}/send")
    String send(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "email", id, () -> {
            ui.service().execute(new ActionRequest("SendEmail", new EntityReference("email", id),
                    Map.of("IssueSend", true)));
            return "/app/email/" + id;
        });
    }

    /**
     * "Insert template" on a draft email: InstantiateTemplate from the email's regarding record (else its first
     * recipient), whose subject and body replace the draft's.
     */
    @PostMapping("/app/email/{id}/template")
    String insertTemplate(@PathVariable UUID id, @RequestParam(required = false) UUID template, Locale locale,
            RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "email", id, () -> {
            if (template == null) {
                throw RapportException.invalid(messages.getMessage("mail.template.none", null, ui.locale()));
            }
            Entity email = ui.service().retrieve("email", id, ColumnSet.of("regardingobjectid", "statecode"));
            EntityReference object = TemplateTargets.of(ui, email);
            if (object == null) {
                throw RapportException.invalid(messages.getMessage("mail.template.noRecord", null, ui.locale()));
            }
            EntityCollection filled = (EntityCollection) ui.service().execute(new ActionRequest(
                    "InstantiateTemplate", Map.of("TemplateId", template, "ObjectType", object.logicalName(),
                            "ObjectId", object.id()))).output("value");
            Entity instance = filled.entities().get(0);
            ui.service().update(new Entity("email", id).set("subject", instance.getString("subject"))
                    .set("description", instance.getString("description")));
            return "/app/email/" + id;
        });
    }

    @PostMapping("/app/mailbox/{id}/test")
    String test(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "mailbox", id, () -> {
            ui.service().execute(new ActionRequest("TestMailboxConnection", new EntityReference("mailbox", id),
                    Map.of()));
            return "/app/mailbox/" + id;
        });
    }

    @PostMapping("/app/{entity}/{id}/email")
    String emailDocument(@PathVariable String entity, @PathVariable UUID id, Locale locale,
            RedirectAttributes flash) {
        if (!DOCUMENTS.contains(entity)) {
            throw RapportException.notFound(entity, id);
        }
        Ui ui = uis.create(locale);
        return run(ui, flash, entity, id, () -> {
            DocumentPdfController.DocumentPdf pdf = pdfs.render(ui, entity, id);
            Entity document = ui.service().retrieve(entity, id, io.rapport.query.ColumnSet.of("name", "customerid"));
            UUID email = ui.service().inTransaction(() -> {
                UUID created = ui.service().create(new Entity("email")
                        .set("subject", pdf.number() + (document.getString("name") == null ? ""
                                : " " + document.getString("name")))
                        .set("regardingobjectid", new EntityReference(entity, id)));
                EntityReference ref = new EntityReference("email", created);
                EntityReference customer = document.getReference("customerid");
                if (customer != null && "contact".equals(customer.logicalName())) {
                    ui.service().create(new Entity("activityparty").set("activityid", ref).set("partyid", customer)
                            .set("participationtypemask", 2));
                }
                ui.service().create(new Entity("activitymimeattachment").set("objectid", ref)
                        .set("filename", pdf.fileName()).set("mimetype", "application/pdf")
                        .set("body", Base64.getEncoder().encodeToString(pdf.bytes())));
                return created;
            });
            return "/app/email/" + email;
        });
    }

    private String run(Ui ui, RedirectAttributes flash, String entity, UUID id, Supplier<String> work) {
        try {
            String target = work.get();
            flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, ui.locale()));
            return "redirect:" + target;
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity(entity), ui.locale()));
            return "redirect:/app/" + entity + "/" + id;
        }
    }
}
