package io.rapport.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * The application's DataSource is Rapport's own bean, decided at run time (a build processed by Spring AOT fixes which
 * beans exist): without a replica the primary's Hikari pool with the {@code spring.datasource.hikari.*} settings, as
 * Spring Boot would have built it; with {@code rapport.datasource.replica.url} the router between that pool and the
 * replica's.
 */
class DataSourceConfigurationTest {

    private final MockEnvironment env = new MockEnvironment()
            .withProperty("spring.datasource.hikari.maximum-pool-size", "7")
            .withProperty("spring.datasource.hikari.minimum-idle", "1")
            .withProperty("spring.datasource.hikari.pool-name", "primary-pool");

    private DataSourceProperties primary() throws Exception {
        DataSourceProperties p = new DataSourceProperties();
        p.setUrl("jdbc:h2:mem:datasource-configuration");
        p.setUsername("sa");
        p.setPassword("");
        p.afterPropertiesSet();
        return p;
    }

    @Test
    void withoutAReplicaTheDataSourceIsThePrimaryPoolWithSpringBootsHikariSettings() throws Exception {
        DataSource ds = new ReplicaConfiguration().dataSource(primary(),
                new ReplicaProperties(null, null, null, null, null), env);
        try {
            assertThat(ds).isExactlyInstanceOf(HikariDataSource.class);
            HikariDataSource pool = (HikariDataSource) ds;
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:mem:datasource-configuration");
            assertThat(pool.getUsername()).isEqualTo("sa");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getPoolName()).isEqualTo("primary-pool");
        } finally {
            ((HikariDataSource) ds).close();
        }
    }

    @Test
    void aReplicaUrlMakesItTheRouterBetweenThePrimaryAndTheReplica() throws Exception {
        DataSource ds = new ReplicaConfiguration().dataSource(primary(),
                new ReplicaProperties("jdbc:h2:mem:datasource-replica", null, null, 3, null), env);
        try {
            assertThat(ds).isInstanceOf(ReplicaDataSource.class);
            assertThat(new ReplicaConfiguration().replicaReads(ds, new ReplicaProperties("jdbc:h2:mem:x", null, null,
                    null, null), new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                    .isInstanceOf(ReplicaRouting.class);
        } finally {
            ((ReplicaDataSource) ds).destroy();
        }
    }

    @Test
    void aBlankReplicaUrlIsNoReplica() throws Exception {
        DataSource ds = new ReplicaConfiguration().dataSource(primary(),
                new ReplicaProperties(" ", null, null, null, null), env);
        try {
            assertThat(ds).isExactlyInstanceOf(HikariDataSource.class);
        } finally {
            ((HikariDataSource) ds).close();
        }
    }
}
