package io.rapport.datagen.internal;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generated activities (phone calls, tasks, emails, appointments); the {@code activitypointer} row beside each comes
 * from the activity module's companion records when the writer adds it.
 */
final class Activities {

    private static final String[] TYPES = {"phonecall", "task", "email", "appointment"};
    private static final String[] SUBJECTS = {"Follow-up call", "Send proposal", "Demo", "Quarterly review",
        "Pricing questions", "Contract renewal", "Intro meeting", "Support escalation"};

    private final List<String> types;
    private final MetadataSnapshot snapshot;

    private Activities(List<String> types, MetadataSnapshot snapshot) {
        this.types = types;
        this.snapshot = snapshot;
    }

    /** The activity types this organisation has, or {@code null} without the activity module's entities. */
    static Activities of(MetadataSnapshot snapshot) {
        if (snapshot.findEntity("activitypointer").isEmpty()) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (String t : TYPES) {
            if (snapshot.findEntity(t).isPresent()) {
                types.add(t);
            }
        }
        return types.isEmpty() ? null : new Activities(types, snapshot);
    }

    void add(BulkWriter w, SplittableRandom r, EntityReference regarding, Instant created, BulkWriter.Owner owner) {
        String type = types.get(r.nextInt(types.size()));
        UUID id = new UUID((r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL)
                | 0x8000000000000000L);
        boolean done = r.nextInt(10) < 6;
        int state = done ? 1 : 0;
        Instant start = created.plusSeconds(r.nextLong(30L * 24 * 3600));
        String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
        w.add(common(new Entity(type, id), subject, start, done, regarding, r).set("statecode", state), created,
                owner);
    }

    private static Entity common(Entity e, String subject, Instant start, boolean done, EntityReference regarding,
            SplittableRandom r) {
        e.set("subject", subject).set("scheduledstart", start).set("scheduledend", start.plusSeconds(1800))
                .set("prioritycode", 1).set("regardingobjectid", regarding);
        if (done) {
            e.set("actualend", start.plusSeconds(1800)).set("actualdurationminutes", 30);
        }
        return e;
    }
}
