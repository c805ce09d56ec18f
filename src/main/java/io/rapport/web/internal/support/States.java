package io.rapport.web.internal.support;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import java.util.List;

/**
 * Whether an entity has the plain active/inactive life cycle that the generic activate and deactivate commands
 * apply to. Leads, opportunities and cases close through their own actions instead.
 */
public final class States {

    private States() {
    }

    public static boolean isActiveInactive(EntityMetadata e) {
        if (!e.hasStateCode()) {
            return false;
        }
        List<Integer> values = e.findAttribute("statecode").filter(a -> a.optionSet() != null)
                .map(a -> a.optionSet().options().stream().map(OptionMetadata::value).toList()).orElse(List.of());
        return values.equals(List.of(0, 1));
    }
}
