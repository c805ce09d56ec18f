package io.rapport.web.internal.shell;

import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Locale;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page language: one chosen in this session, else the signed-in user's saved language
 * ({@code systemuser.uilanguage}), else the browser's Accept-Language, else English.
 */
@Component("localeResolver")
class UserLocaleResolver implements LocaleResolver {

    static final String SESSION_KEY = UserLocaleResolver.class.getName() + ".locale";

    private final CallerProvider callers;
    private final OrganizationService organization;

    UserLocaleResolver(CallerProvider callers, OrganizationService organization) {
        this.callers = callers;
        this.organization = organization;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_KEY) instanceof Locale chosen) {
            return chosen;
        }
        Locale browser = browserLocale(request);
        if (!signedIn()) {
            return browser;
        }
        Locale saved = savedLanguage(callers.current());
        Locale locale = saved != null ? saved : browser;
        request.getSession().setAttribute(SESSION_KEY, locale);
        return locale;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale supported = locale == null ? null : Languages.match(locale.toLanguageTag());
        if (supported != null) {
            request.getSession().setAttribute(SESSION_KEY, supported);
        }
    }

    private Locale savedLanguage(Caller caller) {
        if (caller.userId() == null) {
            return null;
        }
        Entity user = organization.as(callers.system()).retrieve("systemuser", caller.userId(),
                ColumnSet.of("uilanguage"));
        return Languages.match(user.getString("uilanguage"));
    }

    static Locale browserLocale(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") != null) {
            for (Locale l : Collections.list(request.getLocales())) {
                Locale match = Languages.match(l.toLanguageTag());
                if (match != null) {
                    return match;
                }
            }
        }
        return Languages.ENGLISH;
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }
}
