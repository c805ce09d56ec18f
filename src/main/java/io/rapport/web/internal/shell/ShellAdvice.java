package io.rapport.web.internal.shell;

import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds what every page's shell shows: areas and entities, the user, the languages. */
@ControllerAdvice(basePackages = "io.rapport.web")
class ShellAdvice {

    private static final String AREA = "rapport.area";

    private final Navigation navigation;
    private final MetadataService metadata;
    private final CallerProvider callers;
    private final AdminPolicy admins;
    private final ShellLinks links;

    ShellAdvice(Navigation navigation, MetadataService metadata, CallerProvider callers, AdminPolicy admins,
            ShellLinks links) {
        this.links = links;
        this.navigation = navigation;
        this.metadata = metadata;
        this.callers = callers;
        this.admins = admins;
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request, Locale locale) {
        String entity = entityOf(request.getRequestURI().substring(request.getContextPath().length()));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String area = area(request, path, entity);
        String query = request.getQueryString();
        boolean admin = admins.isAdmin();
        boolean customizer = admin || admins.canCustomize();
        return new Shell(links.links(locale, admin, customizer, area, entity, request.getContextPath()),
                callers.current().name(),
                Languages.tag(locale), Languages.SUPPORTED.stream().map(Locale::toLanguageTag).toList(),
                admin, path + (query == null ? "" : "?" + query));
    }

    /**
     * The area the page belongs to: the one chosen last (an area's links say which, and the session remembers it)
     * as long as it lists the page's entity, else the first area that does. Accounts opened from Service stay in
     * Service; a lead opened from there moves to Sales.
     */
    private String area(HttpServletRequest request, String path, String entity) {
        if (path.startsWith("/settings")) {
            return "settings";
        }
        if (path.startsWith("/areas/") && navigation.isArea(path.substring("/areas/".length()))) {
            remember(request, path.substring("/areas/".length()));
            return path.substring("/areas/".length());
        }
        String asked = request.getParameter("area");
        // an administrator opening a list from Settings (field security profiles, duplicate rules...) stays there
        boolean fromSettings = "settings".equals(asked) && entity != null && admins.isAdmin();
        if (navigation.isArea(asked) && (fromSettings || navigation.lists(asked, entity, metadata.snapshot()))) {
            remember(request, asked);
            return asked;
        }
        HttpSession session = request.getSession(false);
        Object last = session == null ? null : session.getAttribute(AREA);
        if (last instanceof String chosen && navigation.lists(chosen, entity, metadata.snapshot())) {
            return chosen;
        }
        return navigation.areaOf(entity);
    }

    private static void remember(HttpServletRequest request, String area) {
        HttpSession session = request.getSession(false);
        // only a change is written: sessions live in the database, where every set attribute is a write
        if (session != null && !area.equals(session.getAttribute(AREA))) {
            session.setAttribute(AREA, area);
        }
    }

    private static String entityOf(String path) {
        if (!path.startsWith("/app/")) {
            return null;
        }
        String rest = path.substring("/app/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The shell's model; {@code links} are the top bar's areas and the side bar's links, as markup. */
    record Shell(ShellLinks.Links links, String userName, String language, List<String> languages,
            boolean admin, String currentPath) {
    }
}
