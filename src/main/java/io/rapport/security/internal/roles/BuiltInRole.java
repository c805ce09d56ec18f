package io.rapport.security.internal.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Privilege;
import io.rapport.security.internal.access.AccessDepth;
import io.rapport.security.internal.access.PrivilegeCatalog;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A role shipped with Rapport, read from {@code security/roles/*.yaml}. Entities a grant names that do not exist
 * (yet) are skipped; their privileges are added on the first start after they appear. {@code include} names
 * shared grant sets ({@code security/roles/shared/<name>.yaml}), such as what every user needs to use the UI.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BuiltInRole(String name, UUID roleTemplateId, String description, List<String> include,
        List<Grant> privileges) {

    BuiltInRole {
        roleTemplateId = roleTemplateId != null ? roleTemplateId
                : UUID.nameUUIDFromBytes(("rapport:roletemplate:" + name).getBytes(StandardCharsets.UTF_8));
        include = include == null ? List.of() : List.copyOf(include);
        privileges = privileges == null ? List.of() : List.copyOf(privileges);
    }

    /** The role with the grants of its included sets added to its own. */
    BuiltInRole withIncluded(Map<String, List<Grant>> shared) {
        List<Grant> all = new java.util.ArrayList<>(privileges);
        for (String set : include) {
            List<Grant> grants = shared.get(set);
            if (grants == null) {
                throw new IllegalStateException("Built-in role '" + name + "' includes unknown grant set '" + set
                        + "'");
            }
            all.addAll(grants);
        }
        return new BuiltInRole(name, roleTemplateId, description, List.of(), all);
    }

    /**
     * Some access rights ({@code rights}, all eight when omitted) on entities, or miscellaneous privileges by
     * name, at a depth (user, businessunit, parentchild, organization).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Grant(List<String> entities, List<String> rights, List<String> privileges, String depth) {
    }

    /** Privilege name to depth for the entities of the snapshot; the deepest grant wins. */
    Map<String, AccessDepth> resolve(MetadataSnapshot snapshot) {
        Map<String, AccessDepth> result = new HashMap<>();
        for (Grant g : privileges) {
            AccessDepth depth = AccessDepth.parse(g.depth());
            if (g.privileges() != null) {
                g.privileges().forEach(p -> result.merge(p, depth, AccessDepth::max));
            }
            if (g.entities() == null) {
                continue;
            }
            for (String entityName : g.entities()) {
                EntityMetadata e = snapshot.findEntity(entityName).orElse(null);
                if (e == null || e.isIntersect()) {
                    continue;
                }
                for (Privilege p : rights(g)) {
                    if ((p == Privilege.ASSIGN || p == Privilege.SHARE) && !e.isUserOwned()) {
                        continue;
                    }
                    result.merge(PrivilegeCatalog.name(p, e), depth, AccessDepth::max);
                }
            }
        }
        return result;
    }

    private static List<Privilege> rights(Grant g) {
        if (g.rights() == null || g.rights().isEmpty()) {
            return List.of(Privilege.values());
        }
        return g.rights().stream().map(r -> switch (r.toLowerCase(Locale.ROOT)) {
            case "create" -> Privilege.CREATE;
            case "read" -> Privilege.READ;
            case "write" -> Privilege.WRITE;
            case "delete" -> Privilege.DELETE;
            case "append" -> Privilege.APPEND;
            case "appendto" -> Privilege.APPEND_TO;
            case "assign" -> Privilege.ASSIGN;
            case "share" -> Privilege.SHARE;
            default -> throw new IllegalStateException("Unknown access right '" + r + "' in built-in role");
        }).toList();
    }
}
