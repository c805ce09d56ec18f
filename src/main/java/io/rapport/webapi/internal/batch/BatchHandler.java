package io.rapport.webapi.internal.batch;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.webapi.internal.batch.Multipart.Part;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiRequest;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.EntityUrls;
import io.rapport.webapi.internal.routing.WebApiController;
import io.rapport.webapi.internal.routing.WebApiRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code $batch}: multipart/mixed requests run in order; a change set runs in one pipeline transaction and
 * commits or rolls back as a whole, its requests may refer to records created before them as {@code $<Content-ID>}.
 * The batch stops at the first failure (and answers 400) unless {@code Prefer: odata.continue-on-error}.
 */
@Component
public class BatchHandler {

    static final int MAX_REQUESTS = 1000;

    private final WebApiRouter router;

    BatchHandler(WebApiRouter router) {
        this.router = router;
    }

    /** Thrown inside a change set's transaction to roll it back, carrying the failed response. */
    private static final class ChangeSetFailed extends RuntimeException {
        final ApiResponse response;
        final String contentId;

        ChangeSetFailed(ApiResponse response, String contentId) {
            super(null, null, false, false);
            this.response = response;
            this.contentId = contentId;
        }
    }

    public ApiResponse handle(ApiContext ctx) {
        ApiRequest batch = ctx.request();
        if (!batch.method().equals("POST")) {
            throw ApiContext.methodNotAllowed(batch.method(), "$batch");
        }
        List<Part> parts = Multipart.parts(batch.bodyText(), Multipart.boundary(batch.header("Content-Type")));
        boolean continueOnError = ctx.prefs().continueOnError();
        String boundary = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        int count = 0;
        boolean stopped = false;
        for (Part part : parts) {
            String type = part.header("content-type");
            boolean failed;
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/mixed")) {
                List<Part> changes = Multipart.parts(part.content(), Multipart.boundary(type));
                count += changes.size();
                checkSize(count);
                failed = changeSet(batch, changes, out, boundary);
            } else {
                checkSize(++count);
                ApiResponse r = router.route(subRequest(batch, part, Map.of()));
                Multipart.writeResponse(out, boundary, null, r);
                failed = r.status() >= 400;
            }
            if (failed && !continueOnError) {
                stopped = true;
                break;
            }
        }
        out.append("--").append(boundary).append("--\r\n");
        // like Dataverse: a batch stopped by a failure answers 400; with continue-on-error always 200
        return ApiResponse.text(stopped ? 400 : 200, "multipart/mixed; boundary=" + boundary, out.toString());
    }

    private static void checkSize(int count) {
        if (count > MAX_REQUESTS) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "A $batch can contain at most " + MAX_REQUESTS
                    + " requests.");
        }
    }

    private boolean changeSet(ApiRequest batch, List<Part> changes, StringBuilder out, String boundary) {
        String changeBoundary = "changesetresponse_" + UUID.randomUUID();
        Map<String, String> contentIds = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<ApiResponse> responses = new ArrayList<>();
        try {
            router.org().inTransaction(() -> {
                for (Part change : changes) {
                    String contentId = change.header("content-id");
                    ApiResponse r = router.route(subRequest(batch, change, contentIds));
                    if (r.status() >= 400) {
                        throw new ChangeSetFailed(r, contentId);
                    }
                    String entityId = r.headers().get("OData-EntityId");
                    if (contentId != null && entityId != null) {
                        contentIds.put(contentId, entityId);
                    }
                    ids.add(contentId);
                    responses.add(r);
                }
                return null;
            });
        } catch (ChangeSetFailed f) {
            Multipart.writeResponse(out, boundary, f.contentId, f.response);
            return true;
        }
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: multipart/mixed; boundary=").append(changeBoundary).append("\r\n\r\n");
        for (int i = 0; i < responses.size(); i++) {
            Multipart.writeResponse(out, changeBoundary, ids.get(i), responses.get(i));
        }
        out.append("--").append(changeBoundary).append("--\r\n");
        return false;
    }

    /** The request inside an application/http part: request line, headers, body. */
    private static ApiRequest subRequest(ApiRequest batch, Part part, Map<String, String> contentIds) {
        String content = part.content().stripLeading();
        int end = content.indexOf('\n');
        String requestLine = (end < 0 ? content : content.substring(0, end)).trim();
        String[] words = requestLine.split("\\s+");
        if (words.length < 2) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "A $batch part must start with a request line "
                    + "such as 'GET accounts HTTP/1.1', not '" + requestLine + "'.");
        }
        Part message = Multipart.part(end < 0 ? "" : content.substring(end + 1));
        String target = EntityUrls.relative(words[1], contentIds);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = WebApiController.query(q < 0 ? null : target.substring(q + 1));
        byte[] body = message.content().strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new ApiRequest(words[0], path, query, message.headers(), body, batch.serviceRoot(), contentIds);
    }
}
