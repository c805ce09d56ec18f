package io.rapport.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the organization created at first start.
 *
 * @param adminUsername the administrator's user name
 * @param adminPassword the administrator's first password; when empty, one is generated and logged once
 * @param organizationName the name of the root business unit
 * @param baseCurrency ISO code of the base currency created at first start
 */
@ConfigurationProperties("rapport.security")
public record SecurityProperties(String adminUsername, String adminPassword, String organizationName,
        String baseCurrency) {

    public SecurityProperties {
        adminUsername = adminUsername == null || adminUsername.isBlank() ? "admin" : adminUsername;
        organizationName = organizationName == null || organizationName.isBlank() ? "Rapport" : organizationName;
        baseCurrency = baseCurrency == null || baseCurrency.isBlank() ? "USD" : baseCurrency;
    }
}
