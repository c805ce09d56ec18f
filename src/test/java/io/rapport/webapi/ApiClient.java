package io.rapport.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for Web API tests: sends requests as the administrator (HTTP Basic) and parses JSON. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String root;
    private String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    ApiClient(int port) {
        this.root = "http://localhost:" + port + "/api/data/v9.2/";
    }

    String root() {
        return root;
    }

    /** A client signed in as a user of the test's organization (HTTP Basic with the test password). */
    static ApiClient signedIn(int port, io.rapport.testing.Principals people, java.util.UUID user) {
        return new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + io.rapport.testing.Principals.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads a record or a collection (asserting 200) and answers with its JSON. */
    JsonNode read(String path) {
        Response r = get(path);
        if (r.status() != 200) {
            throw new AssertionError("Reading " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** Creates a record (asserting Dataverse's 204) and answers with its id. */
    String create(String set, String json) {
        Response r = post(set, json);
        if (r.status() != 204) {
            throw new AssertionError("Creating in " + set + " answered " + r.status() + ": " + r.body());
        }
        return idOf(r);
    }

    ApiClient withAuthorization(String value) {
        return new ApiClient(this, value);
    }

    private ApiClient(ApiClient other, String authorization) {
        this.root = other.root;
        this.authorization = authorization;
    }

    /** The response of one request. */
    record Response(int status, HttpResponse<String> raw, String body) {
        Response(int status, HttpResponse<String> raw) {
            this(status, raw, raw.body());
        }

        /** A response read from a part of a $batch response (no headers). */
        static Response part(int status, String body) {
            return new Response(status, null, body);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }
    }

    /** Encodes a query option value (or a key) for a URL. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response patch(String path, String body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : root + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id in an OData-EntityId header. */
    static String idOf(Response r) {
        String url = r.header("OData-EntityId");
        return url.substring(url.lastIndexOf('(') + 1, url.length() - 1);
    }
}
