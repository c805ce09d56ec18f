package io.rapport.webapi.internal;

import io.rapport.metadata.EntityMetadata;
import org.springframework.stereotype.Component;

/** GET on an entity set with {@code ?fetchXml=}: the FetchXML query translated into the query model. */
@Component
class FetchXmlHandler {

    ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        throw new UnsupportedOperationException("fetchXml");
    }
}
