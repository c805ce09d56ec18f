package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** The single row naming the organization's root business unit and system user. */
@Repository
class OrganizationRepository {

    private static final Table<Record> ORG = table(name("sys_organization"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<UUID> ROOT = field(name("rootbusinessunitid"), UUID.class);
    private static final Field<UUID> SYSTEM = field(name("systemuserid"), UUID.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);

    private final DSLContext dsl;

    OrganizationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Reads the row, locking it until the transaction ends so that only one node creates the organization. */
    Optional<OrganizationIdentity.Ids> lockAndRead() {
        Record r = dsl.select(ROOT, SYSTEM).from(ORG).where(ID.eq(1)).forUpdate().fetchOne();
        if (r == null || r.get(ROOT) == null) {
            return Optional.empty();
        }
        return Optional.of(new OrganizationIdentity.Ids(r.get(ROOT), r.get(SYSTEM)));
    }

    void save(OrganizationIdentity.Ids ids) {
        dsl.update(ORG).set(ROOT, ids.rootBusinessUnitId()).set(SYSTEM, ids.systemUserId())
                .set(CREATED, LocalDateTime.now(ZoneOffset.UTC)).where(ID.eq(1)).execute();
    }
}
