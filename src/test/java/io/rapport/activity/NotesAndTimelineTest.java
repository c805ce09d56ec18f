package io.rapport.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Notes with checked attachments, and the paged timeline of a record (an account's includes its people and deals). */
abstract class NotesAndTimelineTest {

    @OnH2
    static class H2 extends NotesAndTimelineTest {
    }

    @OnPostgres
    static class Postgres extends NotesAndTimelineTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Entity note(UUID account, String file, String mime, byte[] content) {
        Entity n = new Entity("annotation").set("subject", "Spec").set("objectid", new EntityReference("account", account))
                .set("filename", file).set("documentbody", base64(content));
        return mime == null ? n : n.set("mimetype", mime);
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    @Test
    void attachmentsAreCheckedForSizeNameAndContent() {
        UUID account = org.create(new Entity("account").set("name", "Wipro " + run));
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        UUID ok = org.create(note(account, "specs.pdf", null, pdf));
        Entity read = org.retrieve("annotation", ok, ColumnSet.of("filesize", "isdocument", "mimetype"));
        assertThat(read.get("filesize")).isEqualTo(pdf.length);
        assertThat(read.get("isdocument")).isEqualTo(true);
        assertThat(read.getString("mimetype")).isEqualTo("application/pdf");

        assertThatThrownBy(() -> org.create(note(account, "big.bin", "application/octet-stream",
                new byte[5 * 1024 * 1024 + 1])))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> org.create(note(account, "setup.exe", null, new byte[] {1, 2})))
                .hasMessageContaining(".exe");
        assertThatThrownBy(() -> org.create(note(account, "invoice.pdf", "application/pdf",
                new byte[] {'M', 'Z', 0, 0, 3}))).hasMessageContaining("Executable");
        assertThatThrownBy(() -> org.create(note(account, "photo.png", "image/png", pdf)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("application/pdf");
        assertThatThrownBy(() -> org.create(note(account, "a.txt", "not a type", pdf)))
                .hasMessageContaining("MIME");
        assertThatThrownBy(() -> org.create(new Entity("annotation").set("objectid", new EntityReference("account",
                account)).set("filename", "x.txt").set("documentbody", "***not base64***")))
                .hasMessageContaining("base64");
    }

    @Test
    void blockedExtensionsCannotHideBehindWindowsFileNameTricks() {
        UUID account = org.create(new Entity("account").set("name", "Tricks " + run));
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        for (String name : List.of("evil.exe.", "evil.exe ", "evil.exe. . ", "EVIL.EXE", "evil.Exe",
                "evil.exe::$DATA", "evil.exe:stream", "..\\evil.exe", "dir/evil.exe", "evil\u202Etxt.exe",
                "evil.exe\u0000.txt", "evil.ｅｘｅ")) {
            assertThatThrownBy(() -> org.create(note(account, name, "text/plain", text)))
                    .as(name).isInstanceOf(RapportException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        // the last extension decides (a disguised executable is caught by its content): a PDF stays a PDF
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        UUID doubled = org.create(note(account, "invoice.exe.pdf", null, pdf));
        assertThat(org.retrieve("annotation", doubled, ColumnSet.of("mimetype")).getString("mimetype"))
                .isEqualTo("application/pdf");
        assertThatThrownBy(() -> org.create(note(account, "invoice.pdf.exe", null, pdf)))
                .hasMessageContaining(".exe");
        // trailing dots and spaces, which Windows drops when saving, are dropped from the stored name
        UUID trailing = org.create(note(account, "specs.pdf. ", null, pdf));
        assertThat(org.retrieve("annotation", trailing, ColumnSet.of("filename")).getString("filename"))
                .isEqualTo("specs.pdf");
    }

    @Test
    void timelineOfAnAccountPagesThroughItsOwnAndItsContactsAndOpportunitiesNewestFirst() {
        UUID wipro = org.create(new Entity("account").set("name", "Wipro " + run));
        UUID other = org.create(new Entity("account").set("name", "Other " + run));
        UUID peter = org.create(new Entity("contact").set("lastname", "Parker")
                .set("parentcustomerid", new EntityReference("account", wipro)));
        UUID deal = org.create(new Entity("opportunity").set("name", "100 laptops")
                .set("customerid", new EntityReference("account", wipro)));
        List<UUID> expected = new ArrayList<>();
        expected.add(org.create(new Entity("phonecall").set("subject", "Intro call")
                .set("regardingobjectid", new EntityReference("account", wipro))));
        expected.add(org.create(new Entity("annotation").set("subject", "Met at trade show")
                .set("objectid", new EntityReference("account", wipro))));
        expected.add(org.create(new Entity("email").set("subject", "Specs for Peter")
                .set("regardingobjectid", new EntityReference("contact", peter))));
        expected.add(org.create(new Entity("annotation").set("subject", "Peter prefers email")
                .set("objectid", new EntityReference("contact", peter))));
        expected.add(org.create(new Entity("task").set("subject", "Prepare quote")
                .set("regardingobjectid", new EntityReference("opportunity", deal))));
        org.create(new Entity("task").set("subject", "Not about Wipro")
                .set("regardingobjectid", new EntityReference("account", other)));
        org.create(new Entity("annotation").set("subject", "Not about Wipro either")
                .set("objectid", new EntityReference("account", other)));

        List<Entity> all = new ArrayList<>();
        String cookie = null;
        int pages = 0;
        do {
            EntityCollection page = timeline(new EntityReference("account", wipro), 2, cookie);
            assertThat(page.size()).isLessThanOrEqualTo(2);
            all.addAll(page.entities());
            cookie = page.pagingCookie();
            assertThat(page.moreRecords()).isEqualTo(cookie != null);
            pages++;
        } while (cookie != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(Entity::id).containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 1; i < all.size(); i++) {
            Instant newer = all.get(i - 1).getInstant("createdon");
            assertThat(all.get(i).getInstant("createdon")).isBeforeOrEqualTo(newer);
        }
        assertThat(all).extracting(Entity::logicalName).containsOnly("activitypointer", "annotation");

        EntityCollection contactTimeline = timeline(new EntityReference("contact", peter), 10, null);
        assertThat(contactTimeline.entities()).extracting(Entity::id)
                .containsExactlyInAnyOrder(expected.get(2), expected.get(3));
        assertThat(contactTimeline.moreRecords()).isFalse();
    }

    private EntityCollection timeline(EntityReference record, int size, String cookie) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(ActivityMessages.TARGET, record);
        parameters.put(ActivityMessages.PAGE_SIZE, size);
        parameters.put(ActivityMessages.PAGING_COOKIE, cookie);
        return (EntityCollection) org.execute(new ActionRequest(ActivityMessages.RETRIEVE_TIMELINE, parameters))
                .output(ActivityMessages.TIMELINE);
    }
}
