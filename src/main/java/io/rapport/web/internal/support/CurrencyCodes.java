package io.rapport.web.internal.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import org.springframework.stereotype.Component;

/**
 * The organization's currency codes, cached per {@link UiConfigurationVersion} (raised whenever a currency changes),
 * so that showing money costs no query per page. Currencies are organization data every user may see.
 */
@Component
public class CurrencyCodes {

    private final UiConfigurationVersion version;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Cache<Long, Currencies> cache = Caffeine.newBuilder().maximumSize(4).build();

    CurrencyCodes(UiConfigurationVersion version, OrganizationService organization, CallerProvider callers) {
        this.version = version;
        this.organization = organization;
        this.callers = callers;
    }

    public Currencies current() {
        return cache.get(version.current(), v -> Currencies.load(organization.as(callers.system())));
    }
}
