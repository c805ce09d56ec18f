package io.rapport.webapi.internal;

import org.springframework.stereotype.Component;

/** $metadata (CSDL), EntityDefinitions and GlobalOptionSetDefinitions. */
@Component
class MetadataHandlers {

    ApiResponse csdl(ApiContext ctx) {
        throw ApiContext.notFound("$metadata");
    }

    ApiResponse definitions(ApiContext ctx, ODataPath path) {
        throw ApiContext.notFound(path.get(0).name());
    }
}
