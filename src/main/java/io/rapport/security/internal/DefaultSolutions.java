package io.rapport.security.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The solutions and publishers every Dataverse organization has, made once through the pipeline as the system:
 * Microsoft Corporation with the System, Active and Basic solutions, the organization's Default Publisher (the
 * configured customization prefix) with the Default Solution, and the CDS Default Publisher with the Common Data
 * Services Default Solution. Ids of the rows Dataverse gives fixed ids are the same here; each row is looked up by
 * its unique name first, so restarts change nothing.
 */
final class DefaultSolutions {

    private DefaultSolutions() {
    }

    record PublisherRow(UUID id, String uniqueName, String friendlyName, String prefix, int optionValuePrefix,
            boolean readOnly) {
    }

    record SolutionRow(UUID id, String uniqueName, String friendlyName, String version, boolean managed,
            boolean visible, String publisher) {
    }

    /** The publishers of an organization, for its name and customization prefix (with or without underscore). */
    static List<PublisherRow> publishers(String organizationName, String customizationPrefix) {
        String org = uniqueName(organizationName);
        String hex = hex(org);
        String prefix = customizationPrefix.endsWith("_")
                ? customizationPrefix.substring(0, customizationPrefix.length() - 1) : customizationPrefix;
        return List.of(
                new PublisherRow(UUID.fromString("d21aab70-79e7-11dd-8874-00188b01e34f"), "MicrosoftCorporation",
                        "MicrosoftCorporation", "", 0, true),
                new PublisherRow(UUID.fromString("d21aab71-79e7-11dd-8874-00188b01e34f"), "DefaultPublisher" + org,
                        "Default Publisher for " + org, prefix, 10000, false),
                new PublisherRow(UUID.nameUUIDFromBytes(("cds-publisher:" + org).getBytes(StandardCharsets.UTF_8)),
                        "Cr" + hex.substring(0, 5), "CDS Default Publisher", "cr" + hex.substring(0, 3),
                        10000 + Integer.parseInt(hex.substring(0, 4), 16) % 90000, false));
    }

    static List<SolutionRow> solutions(String organizationName, String customizationPrefix) {
        List<PublisherRow> publishers = publishers(organizationName, customizationPrefix);
        String microsoft = publishers.get(0).uniqueName();
        String cds = publishers.get(2).uniqueName();
        return List.of(
                new SolutionRow(UUID.fromString("fd140aad-4df4-11dd-bd17-0019b9312238"), "System", "System Solution",
                        "9.2.0.0", true, false, microsoft),
                new SolutionRow(UUID.fromString("fd140aae-4df4-11dd-bd17-0019b9312238"), "Active", "Active Solution",
                        "1.0", false, false, microsoft),
                new SolutionRow(UUID.fromString("25a01723-9f63-4449-a3e0-046cc23a2902"), "Basic", "Basic Solution",
                        "1.0", true, false, microsoft),
                new SolutionRow(UUID.fromString("fd140aaf-4df4-11dd-bd17-0019b9312238"), "Default", "Default Solution",
                        "1.0", false, true, publishers.get(1).uniqueName()),
                new SolutionRow(UUID.nameUUIDFromBytes(("cds-solution:" + uniqueName(organizationName))
                        .getBytes(StandardCharsets.UTF_8)), cds, "Common Data Services Default Solution", "1.0.0.0",
                        false, true, cds));
    }

    /** Creates the rows that are missing; returns how many were created. */
    static int ensure(OrganizationService system, String organizationName, String customizationPrefix) {
        int created = 0;
        Instant now = Instant.now();
        for (PublisherRow p : publishers(organizationName, customizationPrefix)) {
            if (find(system, "publisher", p.uniqueName()) == null) {
                system.create(new Entity("publisher", p.id()).set("uniquename", p.uniqueName())
                        .set("friendlyname", p.friendlyName()).set("customizationprefix", p.prefix())
                        .set("customizationoptionvalueprefix", p.optionValuePrefix() == 0 ? null : p.optionValuePrefix())
                        .set("isreadonly", p.readOnly()));
                created++;
            }
        }
        for (SolutionRow s : solutions(organizationName, customizationPrefix)) {
            if (find(system, "solution", s.uniqueName()) == null) {
                system.create(new Entity("solution", s.id()).set("uniquename", s.uniqueName())
                        .set("friendlyname", s.friendlyName()).set("version", s.version())
                        .set("ismanaged", s.managed()).set("isvisible", s.visible()).set("solutiontype", 0)
                        .set("installedon", now)
                        .set("publisherid", new EntityReference("publisher", find(system, "publisher", s.publisher()))));
                created++;
            }
        }
        return created;
    }

    private static UUID find(OrganizationService system, String entity, String uniqueName) {
        List<Entity> rows = system.retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                .where(Condition.eq("uniquename", uniqueName)).top(1).build()).entities();
        return rows.isEmpty() ? null : rows.get(0).id();
    }

    /** The organization's unique name as Dataverse derives it: lower-case letters and digits. */
    static String uniqueName(String organizationName) {
        String u = organizationName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return u.isEmpty() ? "org" : u;
    }

    private static String hex(String org) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(org.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
