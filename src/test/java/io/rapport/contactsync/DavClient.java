package io.rapport.contactsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A raw WebDAV client for tests: any method, Basic credentials, no redirects followed. */
final class DavClient {

    private final String base;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    DavClient(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> propfind(String path, String depth, String body) {
        return send("PROPFIND", path, body, "Depth", depth, "Content-Type", "application/xml; charset=utf-8");
    }

    HttpResponse<String> report(String path, String body) {
        return send("REPORT", path, body, "Depth", "1", "Content-Type", "application/xml; charset=utf-8");
    }

    HttpResponse<String> put(String path, String card, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "text/vcard; charset=utf-8";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("PUT", path, card, all);
    }
}
