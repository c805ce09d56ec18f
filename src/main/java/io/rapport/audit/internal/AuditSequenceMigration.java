package io.rapport.audit.internal;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V74: the audit history numbers its entries from its own sequence {@code sys_audit_sequence} (it used the
 * store's row-version sequence). The sequence starts after the highest number already stored, so the history of
 * an upgraded database keeps its order; a Java migration because that start is computed, the same way on H2 and
 * PostgreSQL. Spring Boot hands every {@code JavaMigration} bean to Flyway.
 */
@Component
class AuditSequenceMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("74");
    }

    @Override
    public String getDescription() {
        return "audit sequence";
    }

    @Override
    public Integer getChecksum() {
        return 74;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            long start;
            try (ResultSet r = s.executeQuery("select coalesce(max(sequencenumber), 0) + 1 from sys_audit")) {
                r.next();
                start = r.getLong(1);
            }
            s.execute("create sequence " + JooqAuditLog.SEQUENCE_NAME + " start with " + start);
        }
    }
}
