package io.rapport.webapi.internal.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Web API request, independent of the servlet API so that the parts of a $batch run through the same code.
 *
 * @param path the path below the service root, still percent-encoded (e.g. {@code accounts(accountnumber='A-1')})
 * @param query the decoded query options, in order
 * @param serviceRoot the absolute service root URL ending with a slash, for OData-EntityId and context URLs
 * @param contentIds entity URLs created earlier in the same change set, by Content-ID ({@code $1})
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
        String serviceRoot, Map<String, String> contentIds) {

    public ApiRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
        method = method.toUpperCase(Locale.ROOT);
        body = body == null ? new byte[0] : body;
        contentIds = contentIds == null ? Map.of() : contentIds;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String option(String name) {
        return query.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0 && !bodyText().isBlank();
    }

    /** The preferences of the Prefer header, e.g. {@code return=representation}, {@code odata.maxpagesize=10}. */
    Preferences preferences() {
        return Preferences.parse(header("Prefer"));
    }

    static List<String> splitCsv(String value) {
        return value == null ? List.of() : List.of(value.split("\\s*,\\s*"));
    }
}
