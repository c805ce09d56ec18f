package io.rapport.web.internal.offline;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.security.PersonalAccessTokens;
import io.rapport.security.PersonalAccessTokens.TokenScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The offline web app: its page (the shell the service worker keeps) and its session, which hands the signed-in
 * person the offline profile and a personal access token for the Web API (the API does not accept the UI's session);
 * the token lives on the device and is listed, and can be revoked, under "My access tokens". The profile is the
 * administrator's (Settings, Offline profile): the sets kept offline with the records chosen for each, and the
 * conflict policy.
 */
@Controller
class OfflineController {

    private final OfflineProperties properties;
    private final OfflineProfiles profiles;
    private final MetadataService metadata;
    private final PersonalAccessTokens tokens;

    OfflineController(OfflineProperties properties, OfflineProfiles profiles, MetadataService metadata,
            PersonalAccessTokens tokens) {
        this.properties = properties;
        this.profiles = profiles;
        this.metadata = metadata;
        this.tokens = tokens;
    }

    @GetMapping("/offline/")
    String page() {
        return "offline/app";
    }

    @PostMapping("/offline/session")
    @ResponseBody
    ResponseEntity<Map<String, Object>> session(Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        PersonalAccessTokens.IssuedToken issued = tokens.issue("Offline app", TokenScope.of("read-write"),
                properties.tokenDays());
        body.put("token", issued.secret());
        body.put("tokenDays", properties.tokenDays());
        body.put("conflictPolicy", profiles.conflictPolicy());
        body.put("profile", profile(metadata.snapshot(), locale));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The profile and policy alone (no new token): the app reads them before each sync, as they may change. */
    @GetMapping("/offline/profile")
    @ResponseBody
    ResponseEntity<Map<String, Object>> currentProfile(Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conflictPolicy", profiles.conflictPolicy());
        body.put("profile", profile(metadata.snapshot(), locale));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private List<Map<String, Object>> profile(MetadataSnapshot s, Locale locale) {
        List<Map<String, Object>> sets = new ArrayList<>();
        Map<String, String> rows = profiles.rows();
        for (OfflineProperties.Set set : properties.profile()) {
            if (OfflineProfiles.NONE.equals(rows.get(set.entitySet()))) {
                continue;
            }
            EntityMetadata e = s.findEntityBySetName(set.entitySet()).orElseThrow(() -> new IllegalStateException(
                    "rapport.offline.profile names an unknown entity set " + set.entitySet()));
            List<Map<String, Object>> columns = new ArrayList<>();
            for (String column : set.columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                int colon = column.indexOf(':');
                String navigation = colon < 0 ? null : column.substring(0, colon);
                String attribute = navigation == null ? column : navigation.replaceAll("_[a-z]+$", "");
                c.put("attribute", attribute);
                c.put("label", e.attribute(attribute).displayName().get(locale));
                if (navigation != null) {
                    c.put("navigation", navigation);
                    c.put("target", column.substring(colon + 1));
                    c.put("property", "_" + attribute + "_value");
                } else {
                    c.put("property", attribute);
                }
                columns.add(c);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entitySet", e.entitySetName());
            m.put("label", e.collectionLabel(locale));
            m.put("id", e.primaryIdAttribute());
            m.put("name", e.primaryNameAttribute());
            m.put("columns", columns);
            // the administrator's choice of records: a device that synced the set under another one starts again
            m.put("rows", rows.get(set.entitySet()));
            m.put("fingerprint", profiles.fingerprint(set.entitySet()));
            sets.add(m);
        }
        return sets;
    }
}
