package io.rapport.cluster.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's one {@code DataSource} when a replica is configured: the primary's pool unless the current thread
 * runs a {@link ReplicaRouting#read replica read}. Everything else (Flyway, sessions, jobs, writes) sees the primary.
 */
final class ReplicaDataSource extends AbstractRoutingDataSource implements DisposableBean {

    enum Target { PRIMARY, REPLICA }

    private static final ThreadLocal<Target> TARGET = new ThreadLocal<>();

    private final HikariDataSource primary;
    private final HikariDataSource replica;

    ReplicaDataSource(HikariDataSource primary, HikariDataSource replica) {
        this.primary = primary;
        this.replica = replica;
        setTargetDataSources(Map.of(Target.PRIMARY, primary, Target.REPLICA, replica));
        setDefaultTargetDataSource(primary);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    HikariDataSource primary() {
        return primary;
    }

    HikariDataSource replica() {
        return replica;
    }

    static boolean onReplica() {
        return TARGET.get() == Target.REPLICA;
    }

    static void use(Target target) {
        if (target == null) {
            TARGET.remove();
        } else {
            TARGET.set(target);
        }
    }

    @Override
    protected Object determineCurrentLookupKey() {
        Target t = TARGET.get();
        return t == null ? Target.PRIMARY : t;
    }

    @Override
    public void destroy() {
        replica.close();
        primary.close();
    }
}
