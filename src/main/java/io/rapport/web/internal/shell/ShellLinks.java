package io.rapport.web.internal.shell;

import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.web.internal.support.Html;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The shell's two link lists (the areas of the top bar, the dashboard, imports and the current area's entities of the
 * side bar) as markup, written once per metadata version, language, administrator flag, area and entity and then
 * served from memory: every page showed them through some hundred template expressions. Nothing in them depends on
 * the request besides the key (no form, no token, no user name). On another node's customization the node's snapshot
 * moves to the new metadata version (the version poll), and the links of the old version are dropped with it.
 */
@Component
class ShellLinks {

    /** The markup of the top bar's areas and of the side bar's links. */
    record Links(String areas, String sideBar) {
    }

    private record Key(String language, boolean admin, boolean customizer, String area, String entity,
            String contextPath) {
    }

    private record Cache(long version, Map<Key, Links> links) {
    }

    private final Navigation navigation;
    private final MetadataService metadata;
    private final MessageSource messages;
    private volatile Cache cache = new Cache(Long.MIN_VALUE, new ConcurrentHashMap<>());

    ShellLinks(Navigation navigation, MetadataService metadata, MessageSource messages) {
        this.navigation = navigation;
        this.metadata = metadata;
        this.messages = messages;
    }

    /**
     * The links for a page of the entity (or none) in the area, in the language, for an administrator or not, and for
     * someone who customizes (an administrator, a System Customizer) or not. An
     * entity the metadata does not know marks no link and shares the links of no entity (a made-up address adds no
     * entry).
     */
    Links links(Locale locale, boolean admin, boolean customizer, String area, String entity, String contextPath) {
        MetadataSnapshot snapshot = metadata.snapshot();
        Cache current = cache;
        if (current.version() != snapshot.version()) {
            current = new Cache(snapshot.version(), new ConcurrentHashMap<>());
            cache = current;
        }
        String known = entity != null && snapshot.findEntity(entity).isPresent() ? entity : null;
        String language = locale.toLanguageTag();
        return current.links().computeIfAbsent(new Key(language, admin, customizer, area, known, contextPath),
                k -> write(snapshot, locale, k));
    }

    private Links write(MetadataSnapshot snapshot, Locale locale, Key key) {
        List<Navigation.Area> areas = navigation.areas(snapshot, locale, key.area(), key.entity());
        String base = key.contextPath();
        StringBuilder top = new StringBuilder(1024);
        for (Navigation.Area a : areas) {
            if (!a.items().isEmpty()) {
                String href = "settings".equals(a.key()) && key.admin() ? "/settings" : a.href();
                link(top, a.active(), "area-" + a.key(), base + href, message("area." + a.key(), locale));
            }
        }
        StringBuilder side = new StringBuilder(2048);
        link(side, false, null, base + "/", message("dashboard.title", locale));
        link(side, false, "nav-imports", base + "/imports", message("import.title", locale));
        for (Navigation.Area a : areas) {
            if (!a.active()) {
                continue;
            }
            for (Navigation.Item item : a.items()) {
                link(side, item.active(), null, base + item.href(), item.label());
            }
            if ("settings".equals(a.key()) && key.admin()) {
                link(side, false, "nav-settings-home", base + "/settings", message("settings.all", locale));
                link(side, false, "nav-roles", base + "/settings/roles", message("settings.page.roles", locale));
                link(side, false, null, base + "/settings/customization", message("customize.title", locale));
                link(side, false, "nav-bulk-delete", base + "/app/bulkdeleteoperation?area=settings",
                        message("bulkDelete.jobs", locale));
                link(side, false, "nav-offline-profile", base + "/settings/offline",
                        message("offline.profile.title", locale));
            } else if ("settings".equals(a.key()) && key.customizer()) {
                link(side, false, "nav-customization", base + "/settings/customization",
                        message("customize.title", locale));
            }
        }
        return new Links(top.toString(), side.toString());
    }

    /** One {@code <li>} of a link list; the current page's link is marked active and {@code aria-current}. */
    private static void link(StringBuilder html, boolean active, String id, String href, String label) {
        html.append(active ? "<li class=\"nav-item\"><a class=\"nav-link active\" aria-current=\"page\""
                : "<li class=\"nav-item\"><a class=\"nav-link\"");
        if (id != null) {
            html.append(" id=\"").append(Html.attribute(id)).append('"');
        }
        html.append(" href=\"").append(Html.attribute(href)).append("\">").append(Html.text(label))
                .append("</a></li>\n");
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }
}
