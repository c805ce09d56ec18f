package io.rapport.datagen;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What to generate when {@code rapport.datagen.enabled=true}: counts per account are averages.
 *
 * @param exitWhenDone stop the application after generating (for scripts)
 */
@ConfigurationProperties("rapport.datagen")
public record DataGenProperties(boolean enabled, Integer accounts, Double contactsPerAccount, Double leadsPerAccount,
        Double opportunitiesPerAccount, Double activitiesPerAccount, Double notesPerAccount, Integer businessUnits,
        Integer users, Long seed, Integer batchSize, boolean exitWhenDone) {

    public DataGenProperties {
        accounts = accounts == null ? 10_000 : accounts;
        contactsPerAccount = contactsPerAccount == null ? 3.0 : contactsPerAccount;
        leadsPerAccount = leadsPerAccount == null ? 1.0 : leadsPerAccount;
        opportunitiesPerAccount = opportunitiesPerAccount == null ? 1.5 : opportunitiesPerAccount;
        activitiesPerAccount = activitiesPerAccount == null ? 10.0 : activitiesPerAccount;
        notesPerAccount = notesPerAccount == null ? 1.0 : notesPerAccount;
        businessUnits = businessUnits == null ? 5 : businessUnits;
        users = users == null ? 50 : users;
        seed = seed == null ? 42L : seed;
        batchSize = batchSize == null ? 1000 : batchSize;
    }

    /** The same settings for another number of accounts. */
    public DataGenProperties withAccounts(int count) {
        return new DataGenProperties(enabled, count, contactsPerAccount, leadsPerAccount, opportunitiesPerAccount,
                activitiesPerAccount, notesPerAccount, businessUnits, users, seed, batchSize, exitWhenDone);
    }
}
