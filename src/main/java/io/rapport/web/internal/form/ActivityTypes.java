package io.rapport.web.internal.form;

import io.rapport.metadata.EntityMetadata;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The kinds of activity a person creates (email, phone call, task, appointment and custom activity types; not the
 * close records the system writes), and which of them are completed with "Mark complete".
 */
@Component
class ActivityTypes {

    static final String POINTER = "activitypointer";
    private static final List<String> ORDER = List.of("task", "email", "phonecall", "appointment");
    private static final Set<String> SYSTEM_WRITTEN = Set.of(POINTER, "opportunityclose", "quoteclose",
            "orderclose", "incidentresolution");
    /** Completed by the user (Dynamics' "Mark Complete"); emails complete by being sent. */
    private static final Set<String> MARK_COMPLETE = Set.of("task", "phonecall", "appointment");

    /** A kind of activity the New menu offers. */
    record Choice(String entity, String label) {
    }

    List<Choice> choices(Ui ui) {
        List<EntityMetadata> types = new ArrayList<>();
        for (EntityMetadata e : ui.snapshot().entities()) {
            if (Boolean.TRUE.equals(e.activity()) && !SYSTEM_WRITTEN.contains(e.logicalName())) {
                types.add(e);
            }
        }
        types.sort(Comparator.comparingInt((EntityMetadata e) -> ORDER.contains(e.logicalName())
                ? ORDER.indexOf(e.logicalName()) : ORDER.size()).thenComparing(e -> e.label(ui.locale())));
        return types.stream().map(e -> new Choice(e.logicalName(), e.label(ui.locale()))).toList();
    }

    /** Whether the record's form offers "Mark complete": an open or scheduled task, phone call or appointment. */
    static boolean canMarkComplete(EntityMetadata e, Entity record) {
        return record != null && MARK_COMPLETE.contains(e.logicalName())
                && record.get("statecode") instanceof Integer s && (s == 0 || s == 3);
    }
}
