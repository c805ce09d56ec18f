package io.rapport.web.internal.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiConfigurationVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Where views and forms come from: a stored {@code savedquery}/{@code systemform} record wins over the built-in
 * YAML layout with the same id, which wins over the layout generated from metadata. Personal views are the
 * user's {@code userquery} records. Layouts are data, so they are cached per metadata version and
 * {@link UiConfigurationVersion} (raised in every transaction that changes one of those records, read once per
 * request): a page costs no query for its layouts, and a change shows at once on every node. System views and forms
 * are configuration every user needs to render pages, so they are read as the system user and shared.
 */
@Service
public class LayoutCatalog {

    public static final String PERSONAL_PREFIX = "u-";

    private final BuiltInLayouts builtIns;
    private final ObjectMapper json;
    private final UiConfigurationVersion version;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Cache<Key, Object> cache = Caffeine.newBuilder().maximumSize(5_000).build();

    LayoutCatalog(BuiltInLayouts builtIns, ObjectMapper json, UiConfigurationVersion version,
            OrganizationService organization, CallerProvider callers) {
        this.builtIns = builtIns;
        this.json = json;
        this.version = version;
        this.organization = organization;
        this.callers = callers;
    }

    /** What a cached layout depends on: its kind, the entity, the user (personal views), and both versions. */
    private record Key(String kind, String entity, UUID user, long metadataVersion, long uiVersion) {
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Ui ui, String kind, String entity, UUID user, java.util.function.Supplier<T> load) {
        Key key = new Key(kind, entity, user, ui.snapshot().version(), version.current());
        return (T) cache.get(key, k -> load.get());
    }

    /** The system views of an entity, the default first. */
    public List<ViewDefinition> systemViews(Ui ui, String entity) {
        return cached(ui, "views", entity, null, () -> loadSystemViews(ui, entity));
    }

    private List<ViewDefinition> loadSystemViews(Ui ui, String entity) {
        Map<String, ViewDefinition> views = new LinkedHashMap<>();
        EntityMetadata e = ui.entity(entity);
        List<ViewDefinition> builtIn = builtIns.views(entity);
        if (builtIn.isEmpty()) {
            ViewDefinition d = DefaultLayouts.view(e);
            views.put(d.key(), d);
        }
        builtIn.forEach(v -> views.put(v.key(), v));
        for (Entity r : stored(ui, "savedquery", "returnedtypecode", entity)) {
            if (r.getString("layoutjson") == null || r.getString("layoutjson").isBlank()) {
                continue; // a Dataverse-style view (FetchXML and layout XML only, e.g. the seeded "Active Accounts")
            }
            ViewDefinition v = read(r.getString("layoutjson"), ViewDefinition.class).withKey(r.id().toString());
            views.put(v.key(), v);
        }
        List<ViewDefinition> result = new ArrayList<>(views.values());
        result.sort((a, b) -> Boolean.compare(b.isDefault(), a.isDefault()));
        return List.copyOf(result);
    }

    /** The signed-in user's own views of an entity, by name. */
    public List<ViewDefinition> personalViews(Ui ui, String entity) {
        return cached(ui, "personal", entity, ui.caller().userId(), () -> loadPersonalViews(ui, entity));
    }

    private List<ViewDefinition> loadPersonalViews(Ui ui, String entity) {
        List<ViewDefinition> result = new ArrayList<>();
        for (Entity r : ui.service().retrieveMultiple(QueryExpression.from("userquery")
                .select("name", "layoutjson")
                .where(Condition.eq("returnedtypecode", entity))
                .where(Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID))
                .orderBy(Order.asc("name")).top(100).build()).entities()) {
            if (r.getString("layoutjson") == null || r.getString("layoutjson").isBlank()) {
                continue; // made through the Web API without a Rapport layout: nothing the list can show
            }
            result.add(read(r.getString("layoutjson"), ViewDefinition.class)
                    .withKey(PERSONAL_PREFIX + r.id()).withName(Label.of(r.getString("name"))));
        }
        return List.copyOf(result);
    }

    /** The view with the key, or the entity's default view. */
    public ViewDefinition view(Ui ui, String entity, String key) {
        if (key != null && key.startsWith(PERSONAL_PREFIX)) {
            Optional<ViewDefinition> personal = personalViews(ui, entity).stream()
                    .filter(v -> v.key().equals(key)).findFirst();
            if (personal.isPresent()) {
                return personal.get();
            }
        }
        List<ViewDefinition> system = systemViews(ui, entity);
        return system.stream().filter(v -> v.key().equals(key)).findFirst().orElse(system.get(0));
    }

    /** Stores a system view (administrators), creating its record on first change. */
    public void saveSystemView(Ui ui, ViewDefinition view) {
        UUID id = UUID.fromString(view.key());
        Entity record = new Entity("savedquery", id).set("name", nameOf(ui, view))
                .set("returnedtypecode", view.entity()).set("isdefault", view.isDefault())
                .set("layoutjson", write(view));
        upsert(ui, record);
    }

    /** Stores a new personal view and returns its key. */
    public String savePersonalView(Ui ui, ViewDefinition view, String name) {
        Entity record = new Entity("userquery").set("name", name).set("returnedtypecode", view.entity())
                .set("layoutjson", write(view.withKey(null).withName(Label.of(name))));
        return PERSONAL_PREFIX + ui.service().create(record);
    }

    /** Replaces one of the signed-in user's personal views (the pipeline refuses a view the user may not write). */
    public void updatePersonalView(Ui ui, String key, ViewDefinition view, String name) {
        UUID id = UUID.fromString(key.substring(PERSONAL_PREFIX.length()));
        ui.service().execute(new UpdateRequest(new Entity("userquery", id).set("name", name)
                .set("layoutjson", write(view.withKey(null).withName(Label.of(name))))));
    }

    public FormDefinition form(Ui ui, String entity) {
        return cached(ui, "form", entity, null, () -> loadForm(ui, entity));
    }

    private FormDefinition loadForm(Ui ui, String entity) {
        return stored(ui, "systemform", "objecttypecode", entity).stream().findFirst()
                .map(r -> read(r.getString("formjson"), FormDefinition.class))
                .orElseGet(() -> Optional.ofNullable(builtIns.form(entity))
                        .orElseGet(() -> DefaultLayouts.form(ui.entity(entity))));
    }

    public void saveForm(Ui ui, FormDefinition form) {
        Entity record = new Entity("systemform", LayoutIds.mainForm(form.entity()))
                .set("name", "Main").set("objecttypecode", form.entity()).set("formjson", write(form));
        upsert(ui, record);
    }

    private void upsert(Ui ui, Entity record) {
        boolean exists = !ui.service().retrieveMultiple(QueryExpression.from(record.logicalName())
                .columns(ColumnSet.none()).where(Condition.eq(record.logicalName() + "id", record.id()))
                .top(1).build()).entities().isEmpty();
        if (exists) {
            ui.service().execute(new UpdateRequest(record));
        } else {
            ui.service().execute(new CreateRequest(record));
        }
    }

    private List<Entity> stored(Ui ui, String entity, String typeAttribute, String type) {
        String layout = entity.equals("systemform") ? "formjson" : "layoutjson";
        return organization.as(callers.system()).retrieveMultiple(QueryExpression.from(entity).select("name", layout)
                .where(Condition.eq(typeAttribute, type)).orderBy(Order.asc("name")).top(200).build()).entities();
    }

    private String nameOf(Ui ui, ViewDefinition view) {
        String en = view.name().get("en");
        return en != null ? en : view.nameKey() != null ? view.nameKey() : view.entity();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write layout", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored layout cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
