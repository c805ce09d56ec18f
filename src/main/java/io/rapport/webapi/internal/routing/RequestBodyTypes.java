package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.webapi.internal.errors.ApiErrors;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The media types a Web API request body may have: JSON, and {@code multipart/mixed} for {@code $batch}. Besides
 * saying what the API reads, this closes a forgery path: a page on another site can send {@code text/plain},
 * form-encoded or untyped bodies without a CORS preflight, never {@code application/json}.
 */
public final class RequestBodyTypes {

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE", "MERGE");

    private RequestBodyTypes() {
    }

    /** The 415 answer for a body of the wrong type, or empty when the request may go on. */
    static Optional<ApiResponse> refuse(String method, String path, String contentType, long bodyLength) {
        if (bodyLength == 0 || !WRITES.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String expected = path.equals("$batch") || path.equalsIgnoreCase("%24batch") ? "multipart/mixed" : "application/json";
        String actual = mediaType(contentType);
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(ApiErrors.body(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (actual.isEmpty()
                ? "The request body has no Content-Type" : "The Content-Type '" + actual + "' is not supported")
                + "; send the body as '" + expected + "'."));
    }

    /** The type and subtype, lower case, without parameters ({@code application/json; charset=utf-8}). */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
