package io.rapport.cluster.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.cluster.ReplicaReads;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The application's DataSource: the primary's pool, built from {@code spring.datasource.*} and
 * {@code spring.datasource.hikari.*} as Spring Boot builds it, and with {@code rapport.datasource.replica.url} set a
 * data source that routes between that pool and the replica's; without a replica {@link ReplicaReads} runs every
 * read where it is. The bean is unconditional and decides at run time, so that a build processed ahead of time
 * (Spring AOT, docs/operations.md "Faster starts"), which fixes the set of beans at build time, still honours a
 * replica configured when the node starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfiguration {

    @Bean
    @Primary
    DataSource dataSource(DataSourceProperties properties, ReplicaProperties replica, Environment env) {
        HikariDataSource primary = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(env).bind("spring.datasource.hikari", Bindable.ofInstance(primary));
        if (replica.url() == null || replica.url().isBlank()) {
            return primary;
        }
        HikariDataSource standby = new HikariDataSource();
        standby.setPoolName("rapport-replica");
        standby.setJdbcUrl(replica.url());
        standby.setUsername(replica.username() != null ? replica.username() : properties.determineUsername());
        standby.setPassword(replica.password() != null ? replica.password() : properties.determinePassword());
        standby.setMaximumPoolSize(replica.maximumPoolSize());
        standby.setMinimumIdle(0);
        standby.setReadOnly(true);
        // a replica that is down must not stop the node: the pool opens connections on first use
        standby.setInitializationFailTimeout(-1);
        return new ReplicaDataSource(primary, standby);
    }

    @Bean
    ReplicaReads replicaReads(DataSource dataSource, ReplicaProperties replica, MeterRegistry meters) {
        if (dataSource instanceof ReplicaDataSource routing) {
            return new ReplicaRouting(routing, replica.maxWait(), meters);
        }
        return new ReplicaReads() {
            @Override
            public <T> T read(java.util.function.Supplier<T> work) {
                return work.get();
            }
        };
    }
}
