package io.rapport.security.internal.roles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.access.RolePrivilegeRepository;
import io.rapport.security.internal.access.RoleTemplates;
import io.rapport.security.internal.access.SecurityVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Creates the built-in roles in the root business unit and brings their privileges to what their definitions
 * grant: privileges the roles never had are added, and depths the definitions changed are applied to databases
 * seeded by an earlier version, unless an administrator changed or removed that privilege
 * ({@link RolePrivilegeRepository#seed}). Runs at every start, inside the organization set-up's locked
 * transaction.
 */
@Component
public class BuiltInRoles {

    private static final Logger log = LoggerFactory.getLogger(BuiltInRoles.class);

    private final List<BuiltInRole> definitions;
    private final RolePrivilegeRepository privileges;
    private final SecurityVersion version;
    private final MetadataService metadata;

    BuiltInRoles(RolePrivilegeRepository privileges, SecurityVersion version, MetadataService metadata) {
        this.privileges = privileges;
        this.version = version;
        this.metadata = metadata;
        this.definitions = load();
    }

    private static List<BuiltInRole> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).findAndRegisterModules();
        var resolver = new PathMatchingResourcePatternResolver();
        List<BuiltInRole> result = new ArrayList<>();
        Map<String, List<BuiltInRole.Grant>> shared = new HashMap<>();
        try {
            for (Resource r : resolver.getResources("classpath*:security/roles/shared/*.yaml")) {
                try (InputStream in = r.getInputStream()) {
                    shared.put(r.getFilename().replaceFirst("\\.yaml$", ""), List.of(yaml.readValue(in,
                            BuiltInRole.Grant[].class)));
                }
            }
            for (Resource r : resolver.getResources("classpath*:security/roles/*.yaml")) {
                try (InputStream in = r.getInputStream()) {
                    result.add(yaml.readValue(in, BuiltInRole.class).withIncluded(shared));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in roles", e);
        }
        return result;
    }

    /**
     * Makes sure the built-in roles exist with their privileges, as the system user.
     *
     * @return the System Administrator role if it was created now (so the caller can give it to the administrator)
     */
    public UUID ensure(OrganizationService asSystem, UUID rootBusinessUnit) {
        UUID createdAdminRole = null;
        boolean changed = false;
        for (BuiltInRole def : definitions) {
            List<Entity> found = asSystem.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                    .where(Filter.and(Condition.eq("roletemplateid", def.roleTemplateId()),
                            Condition.eq("businessunitid", rootBusinessUnit))).top(1).build()).entities();
            UUID roleId;
            if (found.isEmpty()) {
                roleId = asSystem.create(new Entity("role").set("name", def.name())
                        .set("roletemplateid", def.roleTemplateId()).set("description", def.description())
                        .set("businessunitid", new EntityReference("businessunit", rootBusinessUnit)));
                log.info("Built-in role created name={} id={}", def.name(), roleId);
                if (RoleTemplates.SYSTEM_ADMINISTRATOR.equals(def.roleTemplateId())) {
                    createdAdminRole = roleId;
                }
            } else {
                roleId = found.get(0).id();
            }
            changed |= privileges.seed(roleId, def.resolve(metadata.snapshot()));
        }
        if (changed) {
            version.bump();
        }
        return createdAdminRole;
    }
}
