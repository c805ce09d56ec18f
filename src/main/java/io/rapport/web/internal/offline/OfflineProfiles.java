package io.rapport.web.internal.offline;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.LinkFilter;
import io.rapport.query.QueryExpression;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Ui;
import io.rapport.webapi.OfflineScopes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The offline profile as the administrator set it in Settings: for each entity set of the offline web app which
 * records go to the devices, and who wins a conflict. The records of a choice are always among those the person may
 * read: every one of them ({@code all}), those they own ({@code mine}), those they own that are open or active
 * ({@code mine-open}), for contacts those of the accounts they own ({@code my-accounts}), those of a system view
 * ({@code view:<key>}, its fixed conditions), or none ({@code none}: the set stays off the devices). The Web API's
 * delta applies the choice ({@link OfflineScopes}) when the web app asks with {@code Prefer: rapport.offline-profile}.
 */
@Component
class OfflineProfiles implements OfflineScopes {

    static final String ALL = "all";
    static final String MINE = "mine";
    static final String MINE_OPEN = "mine-open";
    static final String MY_ACCOUNTS = "my-accounts";
    static final String NONE = "none";
    static final String VIEW = "view:";
    static final String POLICY = "conflict-policy";
    static final String ROWS = "rows:";

    /** One choice of records for a set, as the settings page offers it. */
    record Choice(String value, String label) {
    }

    private final OfflineProperties properties;
    private final OfflineSettings settings;
    private final MetadataService metadata;
    private final LayoutCatalog layouts;
    private final OrganizationService organization;
    private final MessageSource messages;

    OfflineProfiles(OfflineProperties properties, OfflineSettings settings, MetadataService metadata,
            LayoutCatalog layouts, OrganizationService organization, MessageSource messages) {
        this.properties = properties;
        this.settings = settings;
        this.metadata = metadata;
        this.layouts = layouts;
        this.organization = organization;
        this.messages = messages;
    }

    /** The sets of the web app (columns from {@code rapport.offline.profile}), in order. */
    List<OfflineProperties.Set> sets() {
        return properties.profile();
    }

    /** The choice for each set (by entity set name), {@code all} where none was made. */
    Map<String, String> rows() {
        Map<String, String> stored = settings.all();
        Map<String, String> rows = new LinkedHashMap<>();
        for (OfflineProperties.Set set : sets()) {
            rows.put(set.entitySet(), stored.getOrDefault(ROWS + set.entitySet(), ALL));
        }
        return rows;
    }

    /** {@code server-wins} or {@code device-wins}. */
    String conflictPolicy() {
        String stored = settings.all().get(POLICY);
        return stored != null ? stored
                : properties.conflictPolicy().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A short fingerprint of the profile: a device that synced under another one syncs the changed sets again. */
    String fingerprint(String entitySet) {
        return hash(rows().get(entitySet));
    }

    /** The record choices the set offers (labels in the locale), for the settings page and for checking a choice. */
    List<Choice> choices(EntityMetadata e, Ui ui) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice(ALL, text("offline.rows.all", ui.locale())));
        if (e.hasAttribute("ownerid")) {
            choices.add(new Choice(MINE, text("offline.rows.mine", ui.locale())));
            if (e.hasAttribute("statecode")) {
                choices.add(new Choice(MINE_OPEN, text("offline.rows.mineOpen", ui.locale())));
            }
        }
        if (e.logicalName().equals("contact")) {
            choices.add(new Choice(MY_ACCOUNTS, text("offline.rows.myAccounts", ui.locale())));
        }
        for (ViewDefinition v : layouts.systemViews(ui, e.logicalName())) {
            String name = v.nameKey() != null ? messages.getMessage(v.nameKey(), null, v.nameKey(), ui.locale())
                    : v.name().get(ui.locale());
            choices.add(new Choice(VIEW + v.key(), text("offline.rows.view", ui.locale()) + " " + name));
        }
        choices.add(new Choice(NONE, text("offline.rows.none", ui.locale())));
        return choices;
    }

    /**
     * Checks the administrator's choices and saves them with the policy; returns the problems (message keys with the
     * set's label) and saves nothing when there is any.
     */
    List<String> save(Map<String, String> chosen, String policy, Ui ui) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new TreeMap<>();
        MetadataSnapshot s = ui.snapshot();
        for (OfflineProperties.Set set : sets()) {
            EntityMetadata e = s.findEntityBySetName(set.entitySet()).orElseThrow();
            String value = chosen.getOrDefault(set.entitySet(), ALL);
            if (choices(e, ui).stream().noneMatch(c -> c.value().equals(value))) {
                problems.add(messages.getMessage("offline.error.rows", new Object[] {e.collectionLabel(ui.locale())},
                        ui.locale()));
            } else if (!value.equals(ALL)) {
                values.put(ROWS + set.entitySet(), value);
            }
        }
        if (!"server-wins".equals(policy) && !"device-wins".equals(policy)) {
            problems.add(messages.getMessage("offline.error.policy", null, ui.locale()));
        }
        if (problems.isEmpty()) {
            values.put(POLICY, policy);
            settings.replace(values);
        }
        return problems;
    }

    @Override
    public Optional<QueryExpression> scope(Caller caller, String entityName) {
        EntityMetadata e = metadata.snapshot().findEntity(entityName).orElse(null);
        if (e == null || e.entitySetName() == null) {
            return Optional.empty();
        }
        String value = rows().get(e.entitySetName());
        if (value == null || value.equals(ALL)) {
            return Optional.empty();
        }
        QueryExpression.Builder q = QueryExpression.from(e.logicalName());
        switch (value) {
            case MINE -> q.where(Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID));
            case MINE_OPEN -> q.where(Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID))
                    .where(Condition.eq("statecode", 0));
            // a semi-join (EXISTS) on the account's primary key and owner, not a join: the contact's row order
            // (version) stays the driving index and no account row multiplies or widens the page
            case MY_ACCOUNTS -> q.where(new LinkFilter(LinkFilter.Kind.ANY, "account", "accountid",
                    "parentcustomerid", Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID)));
            case NONE -> q.where(Condition.of(e.primaryIdAttribute(), ConditionOperator.NULL));
            default -> {
                Ui ui = new Ui(organization.as(caller), metadata.snapshot(), caller.locale(), caller);
                String key = value.substring(VIEW.length());
                ViewDefinition view = layouts.systemViews(ui, e.logicalName()).stream()
                        .filter(v -> v.key().equals(key)).findFirst().orElse(null);
                if (view == null) {
                    // the view is gone: nothing rather than more than the administrator chose
                    q.where(Condition.of(e.primaryIdAttribute(), ConditionOperator.NULL));
                } else {
                    for (ViewDefinition.ViewCondition c : view.filter()) {
                        if (e.hasAttribute(c.attribute())) {
                            q.where(new Condition(null, c.attribute(), ConditionOperator.valueOf(c.operator()),
                                    c.values()));
                        }
                    }
                }
            }
        }
        return Optional.of(q.build());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String hash(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
