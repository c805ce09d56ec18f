package io.rapport.web.internal.support;

import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Builds the {@link Ui} of a request: the caller runs in the page's language so formatted values match it. */
@Component
public class UiFactory {

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final MetadataService metadata;

    public UiFactory(OrganizationService organization, CallerProvider callers, MetadataService metadata) {
        this.organization = organization;
        this.callers = callers;
        this.metadata = metadata;
    }

    public Ui create(Locale locale) {
        Caller caller = callers.current().withLanguage(Languages.tag(locale));
        return new Ui(organization.as(caller), metadata.snapshot(), locale, caller);
    }
}
