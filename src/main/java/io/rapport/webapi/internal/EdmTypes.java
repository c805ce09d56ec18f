package io.rapport.webapi.internal;

import io.rapport.metadata.AttributeMetadata;

/** The Edm type of each attribute type, as Dataverse's CSDL declares it. */
final class EdmTypes {

    private EdmTypes() {
    }

    static String of(AttributeMetadata a) {
        return a.type().edmType();
    }
}
