package io.rapport;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every system table ({@code sys_*}, tables and sequences) has one owner module, and only the owner's code names it:
 * other modules go through the owner's public API (shares through security's row-security SQL, tokens through the
 * security module...). Main sources are scanned as text, outside comments, so a table named in a string constant,
 * in jOOQ or in SQL counts alike; a name the map does not know fails as well.
 */
class SystemTableOwnershipTests {

    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("sys_metadata", "metadata"),
            entry("sys_metadata_version", "metadata"),
            entry("sys_row_version", "store"),
            entry("sys_change_tombstone", "store"),
            entry("sys_change_watermark", "store"),
            entry("sys_change_access_loss", "store"),
            entry("sys_audit", "audit"),
            entry("sys_audit_sequence", "audit"),
            entry("sys_principalobjectaccess", "security"),
            entry("sys_roleprivilege", "security"),
            entry("sys_security_version", "security"),
            entry("sys_security_version_sequence", "security"),
            entry("sys_credential", "security"),
            entry("sys_http_session", "security"),
            entry("sys_http_session_attributes", "security"),
            entry("sys_organization", "security"),
            entry("sys_signing_key", "security"),
            entry("sys_api_token", "security"),
            entry("sys_importjob", "importing"),
            entry("sys_importfile", "importing"),
            entry("sys_importerror", "importing"),
            entry("sys_importmap", "importing"),
            entry("sys_ui_version", "web"),
            entry("sys_ui_version_sequence", "web"),
            entry("sys_ui_preference", "web"),
            entry("sys_offline_setting", "web"),
            entry("sys_sales_document_number", "sales"),
            entry("sys_product_revision", "sales"),
            entry("sys_scheduled_tasks", "jobs"),
            entry("sys_service_case_sequence", "service"),
            entry("sys_service_contract_sequence", "service"),
            entry("sys_dav_app_password", "contactsync"),
            entry("sys_dav_card", "contactsync"),
            entry("sys_dav_card_base", "contactsync"),
            entry("sys_dav_setting", "contactsync"),
            entry("sys_mail_tracking_token", "mail"),
            entry("sys_seed", "pipeline"));

    private static final Path SOURCES = Path.of("src/main/java/io/rapport");
    private static final Pattern NAME = Pattern.compile("(?i)\\bsys_[a-z0-9_]*");
    private static final Pattern CREATED = Pattern.compile("(?i)create\\s+(?:table|sequence)\\s+(sys_[a-z0-9_]+)");

    @Test
    void onlyTheOwnerModuleNamesItsSystemTables() throws IOException {
        List<String> breaches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> breaches.addAll(breaches(moduleOf(f), f.toString(), read(f))));
        }
        assertThat(breaches).isEmpty();
    }

    @Test
    void everySystemTableTheMigrationsCreateHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            files.forEach(f -> {
                Matcher m = CREATED.matcher(read(f));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            });
        }
        assertThat(created).isNotEmpty();
        assertThat(OWNERS.keySet()).containsAll(created);
    }

    @Test
    void aModuleNamingAnotherModulesTableIsABreach() {
        String source = """
                package io.rapport.web.internal;
                // sys_audit in a comment is no use of it
                class Sneaky {
                    /* nor in a block comment: sys_credential */
                    static final String URL = "http://example.com"; static final String T = "sys_audit";
                    Object q(org.jooq.DSLContext dsl) {
                        return dsl.selectFrom(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("sys_" + "x")));
                    }
                }
                """;

        assertThat(breaches("web", "Sneaky.java", source)).containsExactly(
                "Sneaky.java:5 names sys_audit, owned by audit", "Sneaky.java:7 names sys_, owned by nobody");
        assertThat(breaches("audit", "Sneaky.java", source)).containsExactly(
                "Sneaky.java:7 names sys_, owned by nobody");
    }

    /** The system table names a module's source uses outside comments that the module does not own. */
    static List<String> breaches(String module, String file, String source) {
        List<String> found = new ArrayList<>();
        String code = withoutComments(source);
        Matcher m = NAME.matcher(code);
        while (m.find()) {
            String table = m.group().toLowerCase();
            String owner = OWNERS.get(table);
            if (!module.equals(owner)) {
                int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                found.add(file + ":" + line + " names " + table + ", owned by " + (owner == null ? "nobody" : owner));
            }
        }
        return found;
    }

    /** The source with comments blanked out (line breaks kept), string and character literals left as they are. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != c) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, s.length());
                out.append(s, i, end);
                i = end;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                s.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String moduleOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
