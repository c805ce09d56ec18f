package io.rapport.bench;

import io.rapport.testing.AppInstances;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * What one UI list page costs the server, independent of the machine's load: CPU time and bytes allocated by the
 * request thread from the first filter to the last byte written (ThreadMXBean), one client, requests one after
 * another. Benchmark 5's page ({@code GET /app/account}, signed in as the administrator) on a fresh PostgreSQL
 * schema with generated accounts (the page reads 51 rows whatever the table's size).
 *
 * <pre>
 * ./mvnw -q -B test-compile &amp;&amp; ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *   -Dbench.requests=2000 io.rapport.bench.UiPageCost
 * </pre>
 * Properties: {@code bench.requests} (measured, default 2000, after as many warm-up requests), {@code
 * bench.accounts} (default 2000), {@code bench.path} (default /app/account), {@code bench.database}, {@code
 * bench.schema} (a PostgreSQL schema kept between runs instead of a fresh one), {@code bench.out} (a file to write
 * the page to).
 */
public final class UiPageCost {

    private static final Logger log = LoggerFactory.getLogger(UiPageCost.class);

    private UiPageCost() {
    }

    /** Per-request cost of the request thread: CPU nanoseconds and allocated bytes. */
    static final class Meter implements Filter {

        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        volatile String path = "/app/";

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            try {
                chain.doFilter(request, response);
                response.flushBuffer();
            } finally {
                if (((HttpServletRequest) request).getRequestURI().startsWith(path)) {
                    samples.add(new long[] {threads.getCurrentThreadCpuTime() - cpu,
                            threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes});
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 2000);
        int accounts = Integer.getInteger("bench.accounts", 2000);
        String path = System.getProperty("bench.path", "/app/account");
        Meter meter = new Meter();
        meter.path = path;
        Map<String, String> props = BenchDatabase.probeProperties();
        try (ConfigurableApplicationContext app = AppInstances.start(props, ctx -> ctx.getBeanFactory()
                .registerSingleton("uiPageCostMeter", registration(meter)))) {
            WebApiSuite.ensureAccounts(app, app.getBean(DataSource.class), accounts);
            String origin = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            String session = UiListSuite.signIn(origin);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create(origin + path)).header("Cookie", session)
                    .header("Accept-Language", "en").build();
            int length = 0;
            for (int round = 0; round < 2; round++) {
                meter.samples.clear();
                for (int i = 0; i < requests; i++) {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("list-title")) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + " for " + path);
                    }
                    length = r.body().length();
                    if (i == 0 && System.getProperty("bench.out") != null) {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("bench.out")),
                                r.body());
                    }
                }
            }
            List<long[]> s = new ArrayList<>(meter.samples);
            long[] cpu = s.stream().mapToLong(x -> x[0]).sorted().toArray();
            long[] alloc = s.stream().mapToLong(x -> x[1]).sorted().toArray();
            String line = String.format(Locale.ROOT, "UI page cost %s: %d requests, page %d chars; request thread CPU "
                    + "p50 %.2f ms, mean %.2f ms; allocated p50 %.0f KiB, mean %.0f KiB", path, s.size(), length,
                    cpu[cpu.length / 2] / 1e6, mean(cpu) / 1e6, alloc[alloc.length / 2] / 1024.0,
                    mean(alloc) / 1024.0);
            log.info(line);
        }
    }

    static double mean(long[] values) {
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static FilterRegistrationBean<Meter> registration(Meter meter) {
        FilterRegistrationBean<Meter> r = new FilterRegistrationBean<>(meter);
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/*");
        return r;
    }
}
