package io.rapport.bench;

import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person in the web UI: signs in through the form, then opens the account list again and again, through one
 * node or through the front. Every page is remembered with its time, so that the pages from a moment on (the
 * kill) can be judged.
 */
final class UiBrowser {
    /** As long as a browser waits for a page (and as HAProxy waits for a node, timeout server 120s). */
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(120);
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong signedOut = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong slowestMillis = new AtomicLong();
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final List<Page> pages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ClusterFront front;
    volatile ClusterNode pinned;

    /** One page: when it was asked and answered (System.nanoTime), its status (0: no answer) and why it failed. */
    record Page(long askedNanos, long answeredNanos, int status, String failure) {
    }

    UiBrowser(ClusterFront front, ClusterNode pinned) {
        this.front = front;
        this.pinned = pinned;
    }

    void moveTo(ClusterNode node) {
        pinned = node;
    }

    void signIn() throws Exception {
        String base = pinned != null ? pinned.url() : front.base();
        String page = ClusterHttp.send(client, HttpRequest.newBuilder(URI.create(base + "/login"))).body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token on the sign-in page");
        }
        String csrf = m.group(1) != null ? m.group(1) : m.group(2);
        String form = "username=" + ClusterHttp.enc(TestUsers.ADMIN) + "&password="
                + ClusterHttp.enc(TestUsers.ADMIN_PASSWORD) + "&_csrf=" + ClusterHttp.enc(csrf);
        HttpResponse<String> r = ClusterHttp.send(client, HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in failed: " + r.statusCode() + " " + r.headers().map());
        }
    }

    /** Opens the account list; the HTTP status (0 when no answer came). */
    int page() {
        long asked = System.nanoTime();
        int status = 0;
        String failure = null;
        try {
            status = get("/app/account").statusCode();
            if (status != 200 && status != 302) {
                failure = "HTTP " + status;
            }
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        long answered = System.nanoTime();
        slowestMillis.accumulateAndGet((answered - asked) / 1_000_000, Math::max);
        pages.add(new Page(asked, answered, status, failure));
        if (status == 200) {
            ok.incrementAndGet();
        } else if (status == 302) {
            signedOut.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failures.merge(failure, 1, Integer::sum);
        }
        return status;
    }

    /** A GET through the pinned node, or through the front. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        ClusterNode node = pinned;
        if (node != null) {
            return ClusterHttp.send(client, HttpRequest.newBuilder(URI.create(node.url() + path))
                    .header("Accept", "text/html"), PAGE_TIMEOUT);
        }
        return front.get(client, path, "text/html", PAGE_TIMEOUT);
    }

    /** The pages answered (or failed) from the given moment on: the one in flight then included. */
    ClusterHarness.UiSession since(long nanos, boolean signedInFirst) {
        List<Page> after;
        synchronized (pages) {
            after = pages.stream().filter(p -> p.answeredNanos() >= nanos).toList();
        }
        Map<String, Integer> failed = new java.util.TreeMap<>();
        int signedIn = 0;
        int out = 0;
        for (Page p : after) {
            if (p.status() == 200) {
                signedIn++;
            } else if (p.status() == 302) {
                out++;
            } else {
                failed.merge(p.failure(), 1, Integer::sum);
            }
        }
        return new ClusterHarness.UiSession(signedInFirst, after.size(), signedIn, out, failed);
    }
}
