package io.rapport.bench;

import static io.rapport.bench.ClusterHttp.enc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API clients: each creates an account, lists a few and counts the roles (an aggregate), through the front,
 * counting what was acknowledged.
 */
final class ApiLoad {
    private final ClusterFront front;
    private final String run;
    final String token;
    final String prefix;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final List<Thread> threads = new ArrayList<>();
    long startNanos;
    long stopNanos;

    ApiLoad(ClusterFront front, String run, String token, String prefix) {
        this.front = front;
        this.run = run;
        this.token = token;
        this.prefix = prefix;
    }

    void start(int clients) {
        startNanos = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> loop(client), "cluster-client-" + c);
            t.start();
            threads.add(t);
        }
    }

    void loop(int client) {
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        int seq = 0;
        while (!stop.get()) {
            String name = prefix + "-" + run + "-" + client + "-" + seq++;
            try {
                HttpResponse<String> w = ClusterHttp.send(own, HttpRequest.newBuilder(URI.create(front.base()
                        + "/api/data/v9.2/accounts")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
                if (w.statusCode() == 204) {
                    acknowledged.add(name);
                    writes.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                HttpResponse<String> r = ClusterHttp.send(own, HttpRequest.newBuilder(URI.create(front.base()
                        + "/api/data/v9.2/accounts?$select=name&$top=5")).header("Authorization", "Bearer "
                        + token));
                if (r.statusCode() == 200) {
                    reads.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                HttpResponse<String> a = ClusterHttp.send(own, HttpRequest.newBuilder(URI.create(front.base()
                        + "/api/data/v9.2/roles?$apply=" + enc("aggregate($count as n)").replace("+", "%20")))
                        .header("Authorization", "Bearer " + token));
                if (a.statusCode() == 200) {
                    reads.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        stopNanos = System.nanoTime();
    }

    double seconds() {
        return ((stopNanos != 0 ? stopNanos : System.nanoTime()) - startNanos) / 1e9;
    }
}
