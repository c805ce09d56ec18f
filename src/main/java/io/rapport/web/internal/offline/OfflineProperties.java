package io.rapport.web.internal.offline;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The offline profile an administrator configures ({@code rapport.offline.*}): which entity sets the offline web app
 * keeps on the device, with which columns (lookups as {@code navigation:entitySet}), and who wins when a change made
 * offline meets a record that changed on the server ({@code server-wins} or {@code device-wins}). What a user gets of
 * each set is what they may read.
 */
@ConfigurationProperties("rapport.offline")
record OfflineProperties(List<Set> profile, ConflictPolicy conflictPolicy, Integer tokenDays) {

    /** Who wins a conflict. */
    enum ConflictPolicy {
        SERVER_WINS, DEVICE_WINS
    }

    /** One entity set of the profile. */
    record Set(String entitySet, List<String> columns) {
    }

    OfflineProperties {
        profile = profile == null || profile.isEmpty() ? List.of(
                new Set("accounts", List.of("name", "telephone1", "address1_city")),
                new Set("contacts", List.of("firstname", "lastname", "telephone1",
                        "parentcustomerid_account:accounts")),
                new Set("leads", List.of("subject", "firstname", "lastname", "companyname")),
                new Set("opportunities", List.of("name", "estimatedvalue", "customerid_account:accounts")),
                new Set("phonecalls", List.of("subject", "description", "regardingobjectid_account:accounts")),
                new Set("tasks", List.of("subject", "description", "regardingobjectid_account:accounts")),
                new Set("annotations", List.of("subject", "notetext", "objectid_account:accounts")),
                new Set("connectionroles", List.of("name")),
                new Set("connections", List.of("description", "record1id_account:accounts",
                        "record2id_contact:contacts", "record2roleid:connectionroles")))
                : List.copyOf(profile);
        conflictPolicy = conflictPolicy == null ? ConflictPolicy.SERVER_WINS : conflictPolicy;
        tokenDays = tokenDays == null ? 7 : tokenDays;
    }
}
