package io.rapport.web.internal.form;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Which editor an attribute gets on a form, and whether it can be edited at all. */
@Component
class EditorRules {

    /** Shown on forms but changed by their own commands (assign, activate) or by the platform. */
    private static final Set<String> READ_ONLY = Set.of("ownerid", "createdon", "modifiedon", "createdby",
            "modifiedby", "statecode", "statuscode", "versionnumber", "owningbusinessunit");

    boolean editable(AttributeMetadata a, boolean creating) {
        if (a.isManaged() || READ_ONLY.contains(a.logicalName()) || a.type() == AttributeType.UNIQUEIDENTIFIER) {
            return false;
        }
        return creating ? a.validForCreate() : a.validForUpdate();
    }

    String kind(AttributeMetadata a) {
        return switch (a.type()) {
            case STRING -> a.format() == null ? "text" : switch (a.format()) {
                case "email" -> "email";
                case "url" -> "url";
                case "phone" -> "tel";
                case "textarea" -> "memo";
                default -> "text";
            };
            case MEMO -> "memo";
            case INTEGER, BIGINT -> "integer";
            case DECIMAL, DOUBLE -> "decimal";
            case MONEY -> "money";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case DATETIME -> "datetime";
            case PICKLIST, STATE, STATUS -> "picklist";
            case MULTISELECT_PICKLIST -> "multiselect";
            case LOOKUP, CUSTOMER, OWNER -> "lookup";
            case UNIQUEIDENTIFIER -> "readonly";
        };
    }
}
