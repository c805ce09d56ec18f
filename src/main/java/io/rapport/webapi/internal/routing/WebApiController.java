package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.webapi.internal.errors.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The HTTP edge of the Web API: turns the servlet request into an {@link ApiRequest} (raw path, decoded query
 * options, body within the size limit and of a type the API reads), applies service protection and writes the
 * {@link ApiResponse}. Mapped to the API root and everything below it by {@link WebApiHandlerMapping}, not by
 * Spring MVC's annotated mappings.
 */
@Component
public class WebApiController implements HttpRequestHandler {

    static final String ROOT = "/api/data/v9.2";

    private final WebApiRouter router;
    private final ServiceProtection protection;
    private final WebApiProperties properties;

    WebApiController(WebApiRouter router, ServiceProtection protection, WebApiProperties properties) {
        this.router = router;
        this.protection = protection;
        this.properties = properties;
    }

    /**
     * Writes the answer straight to the servlet response rather than through a {@code ResponseEntity}: Spring's
     * reflected-file-download guard would otherwise add {@code Content-Disposition: inline;filename=f.txt} to every
     * answer whose last path segment has a dot (as {@code leads(id)/Microsoft.Dynamics.CRM.QualifyLead} has), and
     * clients then treat the answer as a file download.
     */
    @Override
    public void handleRequest(HttpServletRequest http, HttpServletResponse out) throws IOException {
        write(respond(http), out);
    }

    private ApiResponse respond(HttpServletRequest http) throws IOException {
        String base = http.getContextPath() + ROOT;
        String uri = http.getRequestURI();
        String path = uri.length() > base.length() + 1 ? uri.substring(base.length() + 1) : "";
        String serviceRoot = ServletUriComponentsBuilder.fromContextPath(http).toUriString() + ROOT + "/";
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, http.getHeader(name));
        }
        Map<String, String> query;
        try {
            query = query(http.getQueryString());
        } catch (RapportException e) {
            return ApiErrors.body(e.code(), e.getMessage());
        }
        ApiRequest request = new ApiRequest(http.getMethod(), path, query, headers, null, serviceRoot, Map.of());
        long max = properties.maxRequestSize().toBytes();
        byte[] body = read(http.getInputStream(), http.getContentLengthLong(), max);
        if (body == null) {
            return (ApiErrors.body(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                    + "maximum of " + max + " bytes."));
        }
        // a form-encoded body may have been read as parameters already: the declared length still tells
        var refused = RequestBodyTypes.refuse(http.getMethod(), path, http.getContentType(),
                Math.max(body.length, http.getContentLengthLong()));
        if (refused.isPresent()) {
            return refused.get();
        }
        ApiResponse response = protection.run(request, () -> router.route(new ApiRequest(request.method(), path,
                request.query(), headers, body, serviceRoot, Map.of())));
        return response;
    }

    /**
     * The query options of a request or of a {@code $batch} part, decoded; a 400 (OData syntax error) when an escape
     * is malformed ({@code %}, {@code %zz}).
     */
    public static Map<String, String> query(String raw) {
        Map<String, String> options = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return options;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                options.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query string is not correctly "
                        + "percent-encoded: " + e.getMessage());
            }
        }
        return options;
    }

    /** The body, or {@code null} when it is larger than {@code max}. */
    private static byte[] read(InputStream in, long declared, long max) throws IOException {
        if (declared > max) {
            return null;
        }
        byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        return bytes.length > max ? null : bytes;
    }

    static void write(ApiResponse response, HttpServletResponse out) throws IOException {
        out.setStatus(response.status());
        response.headers().forEach(out::setHeader);
        byte[] body = response.body();
        if (body.length > 0) {
            out.setContentLength(body.length);
            out.getOutputStream().write(body);
        }
        out.flushBuffer();
    }

    static ResponseEntity<byte[]> toEntity(ApiResponse response) {
        HttpHeaders headers = new HttpHeaders();
        response.headers().forEach(headers::set);
        return new ResponseEntity<>(response.body(), headers, HttpStatusCode.valueOf(response.status()));
    }
}
