package io.rapport.web.internal.shell;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Switches the signed-in user's language and saves it as their preference. */
@Controller
class LanguageController {

    private final CallerProvider callers;
    private final OrganizationService organization;
    private final UserLocaleResolver locales;

    LanguageController(CallerProvider callers, OrganizationService organization, UserLocaleResolver locales) {
        this.callers = callers;
        this.organization = organization;
        this.locales = locales;
    }

    @PostMapping("/settings/language")
    String change(@RequestParam String language, @RequestParam(required = false) String returnTo,
            HttpServletRequest request, HttpServletResponse response) {
        Locale locale = Languages.match(language);
        if (locale != null) {
            var caller = callers.current();
            if (caller.userId() != null) {
                // a personal option about oneself: saved as the system, as users may lack write on systemuser
                organization.as(callers.system()).update(new Entity("systemuser", caller.userId())
                        .set("uilanguage", locale.toLanguageTag()));
            }
            locales.setLocale(request, response, locale);
        }
        return "redirect:" + SafeRedirect.localPath(returnTo);
    }
}
