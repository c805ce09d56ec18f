package io.rapport.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for a Rapport started as a separate process to answer {@code /actuator/health} with status UP: what the cold
 * start benchmark, the packaged-jar test and the cluster harness each wait for. The caller says what a process that
 * ended, or a wait that ran out, means.
 */
public final class HealthWait {

    /** How a wait ended. */
    public enum Outcome { UP, EXITED, TIMED_OUT }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HealthWait() {
    }

    /**
     * Asks {@code origin}'s health every {@code poll} until it answers UP, the process ends, or {@code timeout} has
     * passed since the call.
     */
    public static Outcome await(String origin, Process process, Duration timeout, Duration poll)
            throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(origin + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return Outcome.EXITED;
            }
            try {
                HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                    return Outcome.UP;
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(poll.toMillis());
        }
        return Outcome.TIMED_OUT;
    }
}
