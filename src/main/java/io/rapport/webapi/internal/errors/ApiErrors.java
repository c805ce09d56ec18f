package io.rapport.webapi.internal.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.routing.ApiRequest;
import io.rapport.webapi.internal.routing.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping of failures to Dataverse's error body {@code {"error":{"code":"0x...","message":"..."}}}. */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static ApiResponse toResponse(Throwable t, ApiRequest request) {
        RapportException e = unwrap(t);
        if (e == null) {
            LOG.error("webapi.unexpected method={} path={}", request.method(), request.path(), t);
            return body(ErrorCode.UNEXPECTED, "An unexpected error occurred.");
        }
        if (e.code().httpStatus() >= 500) {
            LOG.error("webapi.error code={} method={} path={}", e.code(), request.method(), request.path(), e);
        } else {
            LOG.debug("webapi.rejected code={} method={} path={} message={}", e.code(), request.method(),
                    request.path(), e.getMessage());
        }
        return body(e.code(), e.getMessage());
    }

    public static ApiResponse body(ErrorCode code, String message) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", code.hex());
        error.put("message", message);
        return ApiResponse.json(code.httpStatus(), Json.write(root));
    }

    private static RapportException unwrap(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof RapportException r) {
                return r;
            }
            c = c.getCause();
        }
        return null;
    }
}
