package io.rapport.web.internal.shell;

import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.Languages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds what every page's shell shows: areas and entities, the user, the languages. */
@ControllerAdvice(basePackages = "io.rapport.web")
class ShellAdvice {

    private final Navigation navigation;
    private final MetadataService metadata;
    private final CallerProvider callers;
    private final AdminPolicy admins;

    ShellAdvice(Navigation navigation, MetadataService metadata, CallerProvider callers, AdminPolicy admins) {
        this.navigation = navigation;
        this.metadata = metadata;
        this.callers = callers;
        this.admins = admins;
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request, Locale locale) {
        String entity = entityOf(request.getRequestURI().substring(request.getContextPath().length()));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String area = path.startsWith("/settings") ? "settings" : navigation.areaOf(entity);
        String query = request.getQueryString();
        return new Shell(navigation.areas(metadata.snapshot(), locale, area, entity), callers.current().name(),
                Languages.tag(locale), Languages.SUPPORTED.stream().map(Locale::toLanguageTag).toList(),
                admins.isAdmin(), path + (query == null ? "" : "?" + query));
    }

    private static String entityOf(String path) {
        if (!path.startsWith("/app/")) {
            return null;
        }
        String rest = path.substring("/app/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The shell's model. */
    record Shell(List<Navigation.Area> areas, String userName, String language, List<String> languages,
            boolean admin, String currentPath) {
    }
}
