package io.rapport.webapi.internal;

import io.rapport.metadata.AttributeMetadata;

/** The Edm type of each attribute type, as Dataverse's CSDL declares it. */
final class EdmTypes {

    private EdmTypes() {
    }

    static String of(AttributeMetadata a) {
        return switch (a.type()) {
            case STRING, MEMO, MULTISELECT_PICKLIST -> "Edm.String";
            case INTEGER, PICKLIST, STATE, STATUS -> "Edm.Int32";
            case BIGINT -> "Edm.Int64";
            case DECIMAL, MONEY -> "Edm.Decimal";
            case DOUBLE -> "Edm.Double";
            case BOOLEAN -> "Edm.Boolean";
            case DATETIME -> "Edm.DateTimeOffset";
            case DATE -> "Edm.Date";
            case LOOKUP, CUSTOMER, OWNER, UNIQUEIDENTIFIER -> "Edm.Guid";
        };
    }
}
