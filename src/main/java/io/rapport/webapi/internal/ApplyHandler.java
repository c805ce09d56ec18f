package io.rapport.webapi.internal;

import io.rapport.metadata.EntityMetadata;
import org.springframework.stereotype.Component;

/** GET on an entity set with {@code $apply}: filter, groupby and aggregate translated into the query model. */
@Component
class ApplyHandler {

    ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        throw new UnsupportedOperationException("apply");
    }
}
