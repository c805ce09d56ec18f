package io.rapport.web.internal.contactsync;

import io.rapport.contactsync.AppPasswords;
import io.rapport.contactsync.ContactSyncSettings;
import io.rapport.contactsync.ContactSyncViews;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
 * "Contacts in my mail client": the address of the person's CardDAV address book, which contacts it holds (a saved
 * view of contacts, or the active contacts they own), and their app passwords: created by name (the password is
 * shown once), listed with their last use, revoked. Any signed-in person, whatever their roles.
 */
@Controller
class ContactSyncPageController {

    static final int PAGE_SIZE = 20;

    private final AppPasswords passwords;
    private final ContactSyncSettings settings;
    private final ContactSyncViews views;
    private final CallerProvider callers;
    private final MessageSource messages;

    ContactSyncPageController(AppPasswords passwords, ContactSyncSettings settings, ContactSyncViews views,
            CallerProvider callers, MessageSource messages) {
        this.passwords = passwords;
        this.settings = settings;
        this.views = views;
        this.callers = callers;
        this.messages = messages;
    }

    /** One app password as the page shows it. */
    record PasswordRow(UUID id, String name, String createdOn, String lastUsedOn) {
    }

    @GetMapping("/settings/contacts-sync")
    String page(@RequestParam(defaultValue = "1") int page, Locale locale, Model model, HttpServletRequest request) {
        int p = Math.max(1, page);
        Caller caller = callers.current();
        ZoneId zone = caller.zone();
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone);
        List<AppPasswords.AppPassword> found = passwords.mine(p, PAGE_SIZE + 1);
        model.addAttribute("passwords", found.stream().limit(PAGE_SIZE).map(a -> new PasswordRow(a.id(), a.name(),
                format.format(a.createdOn()), a.lastUsedOn() == null ? null : format.format(a.lastUsedOn())))
                .toList());
        model.addAttribute("page", p);
        model.addAttribute("hasMore", found.size() > PAGE_SIZE);
        model.addAttribute("maxName", AppPasswords.MAX_NAME_LENGTH);
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort())
                + request.getContextPath();
        model.addAttribute("davUrl", base + "/dav/");
        model.addAttribute("username", username(request));
        model.addAttribute("views", views.views(caller));
        model.addAttribute("chosenView", settings.viewKey().orElse(""));
        return "settings/contactsync";
    }

    @PostMapping("/settings/contacts-sync/passwords")
    String create(@RequestParam(defaultValue = "") String name, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (name.isBlank() || name.strip().length() > AppPasswords.MAX_NAME_LENGTH) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", List.of(messages.getMessage("contactsync.error.name", null, locale)));
            model.addAttribute("name", name);
            return page(1, locale, model, request);
        }
        AppPasswords.Created created = passwords.create(name);
        model.addAttribute("created", created.secret());
        model.addAttribute("createdName", created.info().name());
        return page(1, locale, model, request);
    }

    @PostMapping("/settings/contacts-sync/passwords/{id}/revoke")
    String revoke(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        try {
            passwords.revoke(id);
        } catch (RapportException e) {
            if (e.code() == ErrorCode.OBJECT_DOES_NOT_EXIST) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            throw e;
        }
        flash.addFlashAttribute("notice", messages.getMessage("contactsync.revoked", null, locale));
        return "redirect:/settings/contacts-sync";
    }

    @PostMapping("/settings/contacts-sync/view")
    String chooseView(@RequestParam(defaultValue = "") String view, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
        try {
            settings.chooseView(view.isBlank() ? null : view);
        } catch (RapportException e) {
            if (e.code().httpStatus() != 400) {
                throw e;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", List.of(messages.getMessage("contactsync.error.view", null, locale)));
            return page(1, locale, model, request);
        }
        flash.addFlashAttribute("notice", messages.getMessage("contactsync.view.saved", null, locale));
        return "redirect:/settings/contacts-sync";
    }

    private static String username(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
    }
}
