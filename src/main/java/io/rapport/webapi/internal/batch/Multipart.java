package io.rapport.webapi.internal.batch;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing multipart/mixed bodies and the application/http messages inside them. */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    /** One MIME part: its headers (lower-case names) and content. */
    record Part(Map<String, String> headers, String content) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Multipart() {
    }

    static String boundary(String contentType) {
        Matcher m = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (m == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed") || !m.find()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "A $batch request needs the content type "
                    + "multipart/mixed with a boundary.");
        }
        return m.group(1).trim();
    }

    static List<Part> parts(String body, String boundary) {
        String normalized = body.replace("\r\n", "\n");
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        int start = normalized.indexOf(delimiter);
        if (start < 0) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The $batch body has no part with the boundary "
                    + boundary + ".");
        }
        while (true) {
            int from = start + delimiter.length();
            if (normalized.startsWith("--", from)) {
                break;
            }
            int next = normalized.indexOf("\n" + delimiter, from);
            if (next < 0) {
                throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The $batch body does not end with --"
                        + boundary + "--.");
            }
            parts.add(part(normalized.substring(normalized.indexOf('\n', from) + 1, next)));
            start = next + 1;
        }
        return parts;
    }

    /** Headers up to the first empty line, then the content. */
    static Part part(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        StringBuilder content = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
            content.append(lines[j]).append(j < lines.length - 1 ? "\n" : "");
        }
        return new Part(headers, content.toString());
    }

    /** Writes one application/http response part. */
    static void writeResponse(StringBuilder out, String boundary, String contentId, ApiResponse r) {
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) {
            out.append("Content-ID: ").append(contentId).append("\r\n");
        }
        var status = org.springframework.http.HttpStatus.resolve(r.status());
        out.append("\r\nHTTP/1.1 ").append(r.status()).append(' ')
                .append(status == null ? "" : status.getReasonPhrase()).append("\r\n");
        r.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        out.append("\r\n");
        if (r.body().length > 0) {
            out.append(r.bodyText()).append("\r\n");
        }
    }
}
