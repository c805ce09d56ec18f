package io.rapport.web.internal.form;

import io.rapport.metadata.AttributeMetadata;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Which editor an attribute gets on a form, and whether it can be edited at all. */
@Component
class EditorRules {

    /** Shown on forms but changed by their own commands (assign, activate) or by the platform. */
    private static final Set<String> READ_ONLY = Set.of("ownerid", "createdon", "modifiedon", "createdby",
            "modifiedby", "statecode", "statuscode", "versionnumber", "owningbusinessunit");

    boolean editable(AttributeMetadata a, boolean creating) {
        if (a.isManaged() || READ_ONLY.contains(a.logicalName()) || "readonly".equals(kind(a))) {
            return false;
        }
        return creating ? a.validForCreate() : a.validForUpdate();
    }

    /** The editor of the attribute: the input kind its type declares; the form template renders each kind. */
    String kind(AttributeMetadata a) {
        return a.type().inputKind(a);
    }
}
