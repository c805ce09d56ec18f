package io.rapport.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP for the cluster harness: one client for the harness's own requests (HTTP/1.1, as browsers and API clients
 * speak it to a load balancer over plain http; redirects not followed), and the requests it sends to one node.
 */
final class ClusterHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client = newClient();
    private final String run;

    ClusterHttp(String run) {
        this.run = run;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return send(client, request, Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(client, request);
    }

    /** A personal access token of the administrator, issued by the node (or front) at {@code base}. */
    String issueToken(String base) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/rapport/tokens"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cluster " + run + "\"}")));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Token not issued: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    int get(ClusterNode n, String path, String auth) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(n.url() + path)).header("Authorization", auth)).statusCode();
    }

    String getBody(ClusterNode n, String path, String auth) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(n.url() + path))
                .header("Authorization", auth));
        expect(r.statusCode(), 200, "GET " + path + ": " + r.body());
        return r.body();
    }

    int postStatus(ClusterNode n, String path, String auth, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(n.url() + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)))
                .statusCode();
    }

    String post(ClusterNode n, String path, String auth, String json, int expected) throws IOException,
            InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(n.url() + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        expect(r.statusCode(), expected, "POST " + path + ": " + r.body());
        return r.body();
    }

    static void expect(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status + ", expected " + expected);
        }
    }
}
