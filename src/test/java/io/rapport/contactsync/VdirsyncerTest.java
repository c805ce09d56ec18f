package io.rapport.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real CardDAV client, Debian's {@code vdirsyncer}, syncs a salesperson's address book into a folder and back:
 * edits, new and deleted cards reach Rapport through the pipeline (with audit entries), a change in Rapport reaches
 * the folder, a card changed on both sides keeps both sides' fields, another person's contacts never appear, and a
 * revoked app password is refused at once. Fails (does not skip) on CI when vdirsyncer is missing.
 */
@OnH2
class VdirsyncerTest {

    @Autowired
    OrganizationService org;

    @Autowired
    AppPasswords appPasswords;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void aMailClientSyncsBothWays() throws Exception {
        requireVdirsyncer();
        Principals principals = new Principals(org);
        UUID unit = principals.rootUnit();
        UUID ann = principals.user("ann", unit, "Salesperson");
        UUID bob = principals.user("bob", unit, "Salesperson");
        OrganizationService asAnn = principals.as(ann);
        UUID ada = asAnn.create(new Entity("contact").set("firstname", "Ada").set("lastname", "Lovelace")
                .set("emailaddress1", "ada@example.com"));
        UUID alan = asAnn.create(new Entity("contact").set("firstname", "Alan").set("lastname", "Turing")
                .set("emailaddress1", "alan@example.com"));
        UUID doomed = asAnn.create(new Entity("contact").set("firstname", "Delete").set("lastname", "Me")
                .set("emailaddress1", "delete@example.com"));
        principals.as(bob).create(new Entity("contact").set("firstname", "Bob's").set("lastname", "Secret")
                .set("emailaddress1", "bobs-secret@example.com"));
        AppPasswords.Created password = principals.signedIn(ann, () -> appPasswords.create("vdirsyncer"));
        Path local = dir.resolve("contacts");
        Path config = config(principals.userName(ann), password.secret(), local);

        run(config, "discover", "rapport");
        run(config, "sync");
        Path folder = local.resolve("contacts");
        assertThat(cards(folder)).hasSize(3);
        assertThat(cards(folder).stream().map(VdirsyncerTest::read)).noneMatch(c -> c.contains("bobs-secret"));

        // edited, new and deleted cards go back to Rapport
        Path adaFile = cardWith(folder, "ada@example.com");
        Files.writeString(adaFile, read(adaFile).replace("ada@example.com", "ada@engines.example"));
        String grace = "grace-" + principals.run() + "@example.com";
        Files.writeString(folder.resolve("new-card-1.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:new-card-1\r\n"
                + "FN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEMAIL:" + grace + "\r\nX-NAVY-RANK:Rear Admiral\r\n"
                + "END:VCARD\r\n");
        Files.delete(cardWith(folder, "delete@example.com"));
        run(config, "sync");
        assertThat(org.retrieve("contact", ada, ColumnSet.of("emailaddress1")).getString("emailaddress1"))
                .isEqualTo("ada@engines.example");
        assertThat(audits(ada, ann, "Update")).isEqualTo(1);
        assertThat(org.retrieve("contact", doomed, ColumnSet.of("statecode")).get("statecode")).isEqualTo(1);
        assertThat(audits(doomed, ann, "Update")).isEqualTo(1);
        List<Entity> created = org.retrieveMultiple(io.rapport.query.QueryExpression.from("contact")
                .columns(ColumnSet.of("lastname", "ownerid"))
                .where(io.rapport.query.Condition.eq("emailaddress1", grace)).build()).entities();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).getString("lastname")).isEqualTo("Hopper");
        assertThat(created.get(0).getReference("ownerid").id()).isEqualTo(ann);
        assertThat(audits(created.get(0).id(), ann, "Create")).isEqualTo(1);

        // a change in Rapport reaches the folder
        asAnn.update(new Entity("contact", alan).set("jobtitle", "Codebreaker"));
        run(config, "sync");
        assertThat(read(cardWith(folder, "alan@example.com"))).contains("TITLE:Codebreaker");
        assertThat(cards(folder)).hasSize(3);

        // changed on both sides: both sides' fields are kept
        asAnn.update(new Entity("contact", ada).set("jobtitle", "Countess"));
        adaFile = cardWith(folder, "ada@engines.example");
        Files.writeString(adaFile, read(adaFile).replace("END:VCARD", "TEL;TYPE=CELL:+44 20 7946 0000\r\nEND:VCARD"));
        run(config, "sync");
        Entity merged = org.retrieve("contact", ada, ColumnSet.of("jobtitle", "mobilephone", "emailaddress1"));
        assertThat(merged.getString("jobtitle")).isEqualTo("Countess");
        assertThat(merged.getString("mobilephone")).isEqualTo("+44 20 7946 0000");
        run(config, "sync");
        assertThat(read(cardWith(folder, "ada@engines.example"))).contains("TITLE:Countess", "+44 20 7946 0000");
        assertThat(read(cardWith(folder, grace))).contains("X-NAVY-RANK:Rear Admiral");

        // a revoked app password is refused at once
        principals.signedIn(ann, () -> {
            appPasswords.revoke(password.info().id());
            return null;
        });
        Result refused = vdirsyncer(config, "sync");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("401");
    }

    private int audits(UUID object, UUID user, String operation) {
        return jdbc.queryForObject("select count(*) from sys_audit where objectid = ? and userid = ? and operation = ?",
                Integer.class, object, user, operation);
    }

    private Path config(String user, String secret, Path local) throws IOException {
        Files.createDirectories(local.resolve("contacts"));
        Files.createDirectories(dir.resolve("status"));
        Path config = dir.resolve("config");
        Files.writeString(config, """
                [general]
                status_path = "%s/"

                [pair rapport]
                a = "rapport_local"
                b = "rapport_remote"
                collections = ["from b"]
                conflict_resolution = "a wins"

                [storage rapport_local]
                type = "filesystem"
                path = "%s/"
                fileext = ".vcf"

                [storage rapport_remote]
                type = "carddav"
                url = "http://localhost:%d/.well-known/carddav"
                username = "%s"
                password = "%s"
                """.formatted(dir.resolve("status"), local, port, user, secret));
        return config;
    }

    record Result(int exit, String output) {
    }

    private void run(Path config, String... args) throws Exception {
        Result r = vdirsyncer(config, args);
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private Result vdirsyncer(Path config, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("vdirsyncer", "-c", config.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("vdirsyncer.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().write("y\ny\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("vdirsyncer " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private static List<Path> cards(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".vcf")).toList();
        }
    }

    private static Path cardWith(Path folder, String text) throws IOException {
        return cards(folder).stream().filter(f -> read(f).contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("No card in " + folder + " holds " + text));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** vdirsyncer must be there on CI ({@code CI=true}; .ci/setup installs it); locally its absence skips. */
    static void requireVdirsyncer() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        boolean found = Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "vdirsyncer")));
        if (!found) {
            String why = "vdirsyncer is needed for the CardDAV client test (apt-get install vdirsyncer; .ci/setup "
                    + "installs it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
    }
}
