package io.rapport.webapi.internal;

import org.springframework.stereotype.Component;

/** $batch: multipart/mixed requests, with change sets that commit or roll back as a whole. */
@Component
class BatchHandler {

    ApiResponse handle(ApiContext ctx) {
        throw ApiContext.notFound("$batch");
    }
}
