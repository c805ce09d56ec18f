package io.rapport.webapi.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.record.EntityReference;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Actions and functions of the pipeline's catalog, bound and unbound. */
@Component
class OperationHandler {

    Optional<ApiResponse> unbound(ApiContext ctx, ODataPath.Segment segment) {
        return Optional.empty();
    }

    Optional<ApiResponse> bound(ApiContext ctx, EntityMetadata e, EntityReference target, ODataPath.Segment segment) {
        return Optional.empty();
    }
}
