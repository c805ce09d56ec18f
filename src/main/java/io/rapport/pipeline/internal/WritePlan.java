package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline reads off an entity's metadata for every record it writes, found once per metadata instance
 * instead of once per record: the attributes with a default value, the required ones, whether any is secured. A bulk
 * message writes a thousand records of one entity, whose metadata has a hundred or more attributes; the last plan is
 * kept (the metadata of a published snapshot does not change, a new one is a new instance).
 */
final class WritePlan {

    private static volatile WritePlan last;

    private final EntityMetadata entity;
    /** Attributes with a default value that the platform does not manage, in declaration order. */
    final List<AttributeMetadata> defaulted;
    /** Required attributes the platform does not manage, other than the primary id, in declaration order. */
    final List<AttributeMetadata> required;
    /** Whether any attribute has field security. */
    final boolean anySecured;

    private WritePlan(EntityMetadata e) {
        this.entity = e;
        List<AttributeMetadata> defaults = new ArrayList<>();
        List<AttributeMetadata> requireds = new ArrayList<>();
        boolean secured = false;
        for (AttributeMetadata a : e.attributes()) {
            if (a.defaultValue() != null && !a.isManaged()) {
                defaults.add(a);
            }
            if (a.isRequired() && !a.isManaged() && !a.logicalName().equals(e.primaryIdAttribute())) {
                requireds.add(a);
            }
            secured |= a.secured();
        }
        this.defaulted = List.copyOf(defaults);
        this.required = List.copyOf(requireds);
        this.anySecured = secured;
    }

    static WritePlan of(EntityMetadata e) {
        WritePlan plan = last;
        if (plan == null || plan.entity != e) {
            plan = new WritePlan(e);
            last = plan;
        }
        return plan;
    }
}
