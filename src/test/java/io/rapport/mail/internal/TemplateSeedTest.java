package io.rapport.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seeded email templates are created once per organization: one the administrator deletes stays deleted when the
 * seed runs again (as at the next start), and only the seed's marker brings it back.
 */
abstract class TemplateSeedTest {

    @OnH2
    static class H2 extends TemplateSeedTest {
    }

    @OnPostgres
    static class Postgres extends TemplateSeedTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    TemplateSeed seed;

    @Autowired
    JdbcTemplate jdbc;

    private boolean exists(UUID template) {
        return org.retrieveMultiple(QueryExpression.from("template").select("templateid")
                .where(Condition.eq("templateid", template)).build()).entities().size() == 1;
    }

    private int markers() {
        return jdbc.queryForObject("select count(*) from sys_seed where seedkey = ?", Integer.class, TemplateSeed.SEED);
    }

    @Test
    void aDeletedSeededTemplateStaysDeletedWhenTheSeedRunsAgain() {
        UUID followUp = TemplateSeed.TEMPLATES.get(0).id();
        assertThat(TemplateSeed.TEMPLATES).allSatisfy(t -> assertThat(exists(t.id())).as(t.key()).isTrue());
        assertThat(markers()).isEqualTo(1);

        org.delete("template", followUp);
        seed.stop();
        seed.start();
        assertThat(exists(followUp)).isFalse();
        assertThat(seed.isRunning()).isTrue();
        assertThat(markers()).isEqualTo(1);

        // without its marker the seed runs again and creates what is missing (this is also what restores it)
        jdbc.update("delete from sys_seed where seedkey = ?", TemplateSeed.SEED);
        seed.start();
        assertThat(exists(followUp)).isTrue();
        assertThat(markers()).isEqualTo(1);
    }

    @Test
    void theMigrationFindsTheTemplateTableOfAnOrganizationThatHasOne() {
        // V141 marks the seed done where the template table exists (organizations started before the marker)
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where lower(table_name) = "
                + "'template' and lower(table_schema) = lower(current_schema)", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where lower(table_name) = "
                + "'no_such_template' and lower(table_schema) = lower(current_schema)", Integer.class)).isZero();
    }
}
