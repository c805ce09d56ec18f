package io.rapport.bench;

import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportService;
import io.rapport.testing.AppInstances;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 4: importing contacts from CSV through the import job (mapping, duplicate rules, pipeline, audit)
 * against PostgreSQL's COPY of the same file into a table of the same columns.
 */
final class ImportSuite {

    private ImportSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        int rows = Integer.getInteger("bench.importRows", s.full() ? 100_000 : 1_000);
        byte[] csv = contacts(rows);
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.importing.poll-interval", "100ms");
        List<BenchResult> results = new ArrayList<>();
        try (ConfigurableApplicationContext app = AppInstances.start(props)) {
            double copy = copyRowsPerSecond(app.getBean(DataSource.class), csv, rows);
            ImportService imports = app.getBean(ImportService.class);
            Instant start = Instant.now();
            ImportJob job = imports.start("contact", "bench.csv", csv, null, ImportOptions.defaults());
            ImportJob done = await(imports, job);
            double seconds = Duration.between(start, done.finishedOn()).toMillis() / 1000.0;
            double importRate = rows / seconds;
            if (done.created() != rows) {
                throw new IllegalStateException("The benchmark import created " + done.created() + " of " + rows);
            }
            double ratio = copy / importRate;
            results.add(new BenchResult("import " + rows + " contacts (CSV)", "import job", importRate,
                    "PostgreSQL COPY", copy, "rows/s", ratio, ">= 10,000 rows/s and >= 1/10 of COPY",
                    importRate >= 10_000 && ratio <= 10, "through the pipeline with duplicate rules and audit"));
        }
        return results;
    }

    private static ImportJob await(ImportService imports, ImportJob job) throws InterruptedException {
        while (true) {
            ImportJob current = imports.job(job.id()).orElseThrow();
            if (current.status().isFinal()) {
                return current;
            }
            Thread.sleep(50);
        }
    }

    private static double copyRowsPerSecond(DataSource dataSource, byte[] csv, int rows) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("create temporary table bench_copy (firstname varchar(50), lastname varchar(50), "
                    + "emailaddress1 varchar(100), telephone1 varchar(50), jobtitle varchar(100))");
            long t0 = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy bench_copy from stdin with (format csv, header true)", new ByteArrayInputStream(csv));
            double seconds = (System.nanoTime() - t0) / 1e9;
            st.execute("drop table bench_copy");
            if (copied != rows) {
                throw new IllegalStateException("COPY loaded " + copied + " rows of " + rows);
            }
            return rows / seconds;
        }
    }

    static byte[] contacts(int rows) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,Business Phone,Job Title\n");
        for (int i = 0; i < rows; i++) {
            csv.append("First").append(i).append(",Last").append(i % 997).append(",c").append(i)
                    .append("@bench.example,+1 555 ").append(i).append(",Buyer\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
