package io.rapport.security.internal.roles;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OwnershipType;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.internal.access.AccessRight;
import io.rapport.security.internal.access.PrivilegeCatalog;
import io.rapport.security.internal.access.PrivilegeDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The records of Dataverse's {@code privilege} entity, one per privilege of the catalog, with the catalog's ids (so
 * that AddPrivilegesRole and its siblings take the ids these records carry). Made by the system, never changed by
 * anyone: {@code accessright} is the access right's flag (0 for the miscellaneous privileges), the {@code canbe*}
 * flags say which depths the entity's ownership allows (user or team owned: all four; business owned: business unit
 * and deeper; organization owned and miscellaneous: organization only).
 */
public final class PrivilegeRecords {

    private PrivilegeRecords() {
    }

    /** Creates the records of the catalog's privileges that are missing; returns how many were created. */
    public static int ensure(OrganizationService system, MetadataSnapshot snapshot) {
        PrivilegeCatalog catalog = new PrivilegeCatalog(snapshot);
        List<Entity> rows = new ArrayList<>();
        for (PrivilegeDefinition p : catalog.all()) {
            rows.add(record(p, p.entity() == null ? null : snapshot.entity(p.entity()).ownership()));
        }
        return createMissing(system, rows);
    }

    /** Creates the records of a new entity's privileges (CreateEntity, before the new snapshot is published). */
    public static int ensure(OrganizationService system, EntityMetadata entity) {
        List<Entity> rows = new ArrayList<>();
        for (Privilege p : Privilege.values()) {
            if ((p == Privilege.ASSIGN || p == Privilege.SHARE) && !entity.isUserOwned()) {
                continue;
            }
            rows.add(record(PrivilegeDefinition.of(PrivilegeCatalog.name(p, entity), entity.logicalName(), p),
                    entity.ownership()));
        }
        return createMissing(system, rows);
    }

    private static int createMissing(OrganizationService system, Collection<Entity> rows) {
        Set<UUID> existing = new HashSet<>();
        system.retrieveMultiple(QueryExpression.from("privilege").columns(ColumnSet.none()).build()).entities()
                .forEach(e -> existing.add(e.id()));
        List<Entity> missing = rows.stream().filter(r -> !existing.contains(r.id())).toList();
        if (!missing.isEmpty()) {
            system.execute(new CreateMultipleRequest(missing));
        }
        return missing.size();
    }

    static Entity record(PrivilegeDefinition p, OwnershipType ownership) {
        boolean user = ownership == OwnershipType.USER;
        boolean business = user || ownership == OwnershipType.BUSINESS;
        return new Entity("privilege", p.id()).set("name", p.name())
                .set("accessright", p.right() == null ? 0 : AccessRight.of(p.right()).mask())
                .set("canbebasic", p.right() != null && user)
                .set("canbelocal", p.right() != null && business)
                .set("canbedeep", p.right() != null && business)
                .set("canbeglobal", true)
                .set("canbeentityreference", false)
                .set("canbeparententityreference", false)
                .set("canberecordfilter", false)
                .set("iscustomizable", false)
                .set("introducedversion", "9.2.0.0");
    }
}
