package io.rapport.web.internal.contactsync;

import io.rapport.contactsync.ContactSyncViews;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Ui;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The contact views (system views and the person's own) a person may choose as their CardDAV sync filter; a view's
 * fixed conditions become the filter (its columns and sort do not matter to an address book).
 */
@Component
class ContactViewFilters implements ContactSyncViews {

    private final LayoutCatalog layouts;
    private final OrganizationService organization;
    private final MetadataService metadata;
    private final MessageSource messages;

    ContactViewFilters(LayoutCatalog layouts, OrganizationService organization, MetadataService metadata,
            MessageSource messages) {
        this.layouts = layouts;
        this.organization = organization;
        this.metadata = metadata;
        this.messages = messages;
    }

    @Override
    public List<View> views(Caller caller) {
        Ui ui = ui(caller);
        List<View> result = new ArrayList<>();
        for (ViewDefinition v : all(ui)) {
            String name = v.nameKey() != null ? messages.getMessage(v.nameKey(), null, v.nameKey(), ui.locale())
                    : v.name().get(ui.locale());
            result.add(new View(v.key(), name));
        }
        return result;
    }

    @Override
    public Optional<Filter> filter(Caller caller, String key) {
        Ui ui = ui(caller);
        return all(ui).stream().filter(v -> v.key().equals(key)).findFirst().map(v -> {
            List<Filter> conditions = new ArrayList<>();
            for (ViewDefinition.ViewCondition c : v.filter()) {
                if (ui.entity("contact").hasAttribute(c.attribute())) {
                    conditions.add(new Condition(null, c.attribute(), ConditionOperator.valueOf(c.operator()),
                            c.values()));
                }
            }
            return conditions.isEmpty() ? Filter.and(Condition.of("contactid", ConditionOperator.NOT_NULL))
                    : Filter.and(conditions.toArray(Filter[]::new));
        });
    }

    private List<ViewDefinition> all(Ui ui) {
        List<ViewDefinition> all = new ArrayList<>(layouts.systemViews(ui, "contact"));
        all.addAll(layouts.personalViews(ui, "contact"));
        return all;
    }

    private Ui ui(Caller caller) {
        Locale locale = caller.language() == null ? Locale.ENGLISH : caller.locale();
        return new Ui(organization.as(caller), metadata.snapshot(), locale, caller);
    }
}
