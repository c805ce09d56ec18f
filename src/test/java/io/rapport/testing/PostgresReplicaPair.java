package io.rapport.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL primary and a streaming replica of it, made for one test from Debian's PostgreSQL binaries in a
 * temporary directory on free ports (the machine's own server has no replication access). The servers run as the
 * {@code postgres} operating-system user when the test runs as root, since PostgreSQL refuses to run as root.
 * Fails, rather than skipping, when the binaries are missing.
 */
public final class PostgresReplicaPair implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;

    private PostgresReplicaPair(Path dir, int primaryPort, int replicaPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    public static PostgresReplicaPair start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 server binaries are required at " + BIN);
        }
        Path dir = Files.createTempDirectory("rapport-replica-");
        PostgresReplicaPair pair = new PostgresReplicaPair(dir, freePort(), freePort());
        pair.run("chown", "-R", "postgres", dir.toString());
        pair.runAsPostgres(BIN.resolve("initdb").toString(), "-D", pair.data("primary"), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync");
        Files.writeString(Path.of(pair.data("primary"), "postgresql.conf"), String.join("\n", "",
                "port = " + pair.primaryPort, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "wal_level = replica", "max_wal_senders = 4",
                "fsync = off", "full_page_writes = off", "shared_buffers = 32MB", ""), StandardOpenOption.APPEND);
        pair.pgCtl("primary", "start");
        pair.runAsPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(pair.primaryPort), "-U", "postgres", "-D", pair.data("replica"), "-R", "-X", "stream",
                "--no-sync");
        Files.writeString(Path.of(pair.data("replica"), "postgresql.auto.conf"), "\nport = " + pair.replicaPort
                + "\nhot_standby = on\n", StandardOpenOption.APPEND);
        pair.pgCtl("replica", "start");
        return pair;
    }

    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
    }

    public String replicaUrl() {
        return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres";
    }

    /** Runs one statement on the replica (pausing or resuming its replay, for instance). */
    public void onReplica(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(replicaUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pgCtl("replica", "stop", "-m", "immediate");
            pgCtl("primary", "stop", "-m", "immediate");
        } finally {
            run("rm", "-rf", dir.toString());
        }
    }

    private String data(String name) {
        return dir.resolve(name).toString();
    }

    private void pgCtl(String name, String action, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(name), "-l",
                dir.resolve(name + ".log").toString(), "-w", "-t", "60", action));
        command.addAll(List.of(more));
        runAsPostgres(command.toArray(String[]::new));
    }

    private void runAsPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
