package io.rapport.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load clients talk to: HAProxy (started by bench/cluster.sh, health checks on {@code /actuator/health}), or
 * without it a client-side round robin over the live nodes that does what bench/cluster.sh configures HAProxy to do
 * for a GET: one refused, or closed without an answer by a node that died answering it, goes to the next live node
 * ({@code retry-on conn-failure empty-response}, {@code option redispatch 1}); a timeout is not retried, nor any other
 * method.
 */
final class ClusterFront {

    private final String haproxy;
    private final ClusterNodes nodes;
    private final AtomicInteger next = new AtomicInteger();

    /** @param haproxy HAProxy's URL, or null for the client-side round robin */
    ClusterFront(String haproxy, ClusterNodes nodes) {
        this.haproxy = haproxy;
        this.nodes = nodes;
    }

    /** The base URL for the next request: the load balancer, or the next live node. */
    String base() {
        if (haproxy != null) {
            return haproxy;
        }
        for (int i = 0; i < nodes.size(); i++) {
            ClusterNode n = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            if (n.alive()) {
                return n.url();
            }
        }
        throw new IllegalStateException("No live node");
    }

    /** A GET through the front (the client-side one sends it again to the next live node as described above). */
    HttpResponse<String> get(HttpClient client, String path, String accept, Duration timeout) throws IOException,
            InterruptedException {
        if (haproxy != null) {
            return ClusterHttp.send(client, HttpRequest.newBuilder(URI.create(haproxy + path)).header("Accept", accept),
                    timeout);
        }
        IOException last = null;
        for (int attempt = 0; attempt < nodes.size(); attempt++) {
            try {
                return ClusterHttp.send(client, HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Accept", accept), timeout);
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }
}
