package io.rapport.webapi.internal.csdl;

import io.rapport.metadata.AttributeMetadata;

/** The Edm type of each attribute type, as Dataverse's CSDL declares it. */
public final class EdmTypes {

    private EdmTypes() {
    }

    public static String of(AttributeMetadata a) {
        return a.type().edmType();
    }
}
