package io.rapport.pipeline;

import io.rapport.cluster.ClusterSignals;
import io.rapport.cluster.SignalledCache;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The organization's settings: Dataverse's {@code organization} entity, one record that the security module makes at
 * start-up and a System Administrator changes (Settings, Auto-numbering). The modules read their settings from it
 * through the pipeline, as the system, and fill in the settings they own while these are still empty (the prefixes
 * of their numbers, from their configuration: the configuration is only the initial value).
 * <p>
 * The record is kept per node ({@link SignalledCache}) while the node receives cluster signals (PostgreSQL
 * {@code LISTEN}), so that numbering a quote or a case does not read it every time: a write to it empties this
 * node's copy at once and after the commit and tells the other nodes, which empty theirs; a read that started before
 * a change never stores its result after it, and a transaction that wrote the record reads it from the database.
 * Without signals (H2, or while the signal connection is down) every call reads the record.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.UPDATE_MULTIPLE,
        Messages.UPSERT_MULTIPLE}, entity = OrganizationSettings.ENTITY, stage = Stage.POST_OPERATION,
        order = Integer.MAX_VALUE)
public class OrganizationSettings implements Plugin {

    /** The entity of the settings record. */
    public static final String ENTITY = "organization";

    static final String TOPIC = "organization-settings";

    private final CallerProvider callers;
    private final SignalledCache<String, Entity> kept;

    OrganizationSettings(CallerProvider callers, ClusterSignals signals) {
        this.callers = callers;
        this.kept = new SignalledCache<>(signals, TOPIC);
    }

    /** A text setting, read as the system through {@code service}; {@code fallback} while it is empty. */
    public String text(OrganizationService service, String attribute, String fallback) {
        Entity record = record(service);
        String value = record == null ? null : record.getString(attribute);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Entity record(OrganizationService service) {
        return kept.get(ENTITY, () -> {
            List<Entity> rows = service.as(callers.system()).retrieveMultiple(QueryExpression.from(ENTITY)
                    .columns(ColumnSet.all()).top(1).build()).entities();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    /**
     * Sets the given text settings that are still empty on the record (a module's initial values) as {@code system};
     * answers how many it set (none while the record does not exist yet).
     */
    public int fillEmpty(OrganizationService system, Map<String, String> initial) {
        List<Entity> rows = system.retrieveMultiple(QueryExpression.from(ENTITY)
                .columns(ColumnSet.of(new ArrayList<>(initial.keySet()))).top(1).build()).entities();
        if (rows.isEmpty()) {
            return 0;
        }
        Entity change = new Entity(ENTITY, rows.get(0).id());
        initial.forEach((attribute, value) -> {
            String current = rows.get(0).getString(attribute);
            if (current == null || current.isBlank()) {
                change.set(attribute, value);
            }
        });
        if (change.attributes().isEmpty()) {
            return 0;
        }
        system.update(change);
        return change.attributes().size();
    }

    /** A write to the record: this node forgets it now and after the commit, the other nodes after the commit. */
    @Override
    public void execute(PluginContext context) {
        kept.written();
    }
}
