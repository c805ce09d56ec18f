package io.rapport.bench;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.Ids;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Creating an account through the whole pipeline (validation, plugins, privilege check, platform stamps, audit,
 * one transaction) against the baseline: a raw JDBC insert of the same row, in its own transaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CreateBenchmark {

    private BenchApps.Lease lease;
    private OrganizationService org;
    private DataSource dataSource;
    private UUID user;
    private UUID businessUnit;
    private final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        lease = BenchApps.start(BenchDatabase.properties());
        ConfigurableApplicationContext app = lease.app();
        org = app.getBean(OrganizationService.class);
        dataSource = app.getBean(DataSource.class);
        CallerProvider callers = app.getBean(CallerProvider.class);
        user = callers.system().userId();
        businessUnit = callers.system().businessUnitId();
    }

    @TearDown(Level.Trial)
    public void stop() {
        lease.close();
    }

    @Benchmark
    public UUID pipelineCreate() {
        long n = counter.incrementAndGet();
        return org.create(new Entity("account").set("name", "Bench " + n).set("telephone1", "+1 555 " + n)
                .set("revenue", BigDecimal.valueOf(n)));
    }

    @Benchmark
    public int jdbcInsert() throws SQLException {
        long n = counter.incrementAndGet();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into account (accountid, name, telephone1, revenue, "
                        + "statecode, statuscode, ownerid, owneridtype, owningbusinessunit, createdon, createdby, "
                        + "modifiedon, modifiedby, versionnumber) values (?, ?, ?, ?, 0, 1, ?, 'systemuser', ?, ?, ?, ?, "
                        + "?, nextval('sys_row_version'))")) {
            ps.setObject(1, Ids.newId());
            ps.setString(2, "Bench " + n);
            ps.setString(3, "+1 555 " + n);
            ps.setBigDecimal(4, BigDecimal.valueOf(n));
            ps.setObject(5, user);
            ps.setObject(6, businessUnit);
            ps.setTimestamp(7, now);
            ps.setObject(8, user);
            ps.setTimestamp(9, now);
            ps.setObject(10, user);
            return ps.executeUpdate();
        }
    }
}
