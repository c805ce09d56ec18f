package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the probes saw, in order: plugin stages (with the transaction they ran in), privilege checks, audit writes
 * and the end of the transaction. Can be armed to fail at one point of one message.
 */
final class StageRecorder {

    /** One observation; {@code tx} identifies the connection of the transaction, 0 when there is none. */
    record Event(String kind, String message, int depth, String detail, int tx) {
        boolean is(String k, String m, int d) {
            return kind.equals(k) && message.equals(m) && depth == d;
        }
    }

    static final String STAGE = "stage";
    static final String CHECK = "check";
    static final String AUDIT = "audit";
    static final String COMMIT = "commit";
    static final String ROLLBACK = "rollback";

    private final List<Event> events = new ArrayList<>();
    private boolean recording;
    /** Only the test's thread is recorded: background jobs (contract states, SLA timers) run messages meanwhile. */
    private Thread owner;
    private String failMessage;
    private String failPoint;

    synchronized void start() {
        owner = Thread.currentThread();
        events.clear();
        recording = true;
        failMessage = null;
        failPoint = null;
    }

    /** Fails the next time {@code point} (10, 20, 40, check, audit) is reached while running {@code message}. */
    synchronized void failAt(String message, String point) {
        start();
        failMessage = message;
        failPoint = point;
    }

    synchronized List<Event> stop() {
        recording = false;
        failPoint = null;
        return List.copyOf(events);
    }

    synchronized void stage(String message, int depth, int stage) {
        if (Thread.currentThread() != owner) {
            return;
        }
        record(STAGE, message, depth, String.valueOf(stage));
        if (depth == 1 && message.equals(failMessage)) {
            failIf(String.valueOf(stage));
        }
    }

    synchronized void check(String detail) {
        if (Thread.currentThread() != owner) {
            return;
        }
        record(CHECK, "", 0, detail);
        if (failMessage != null && started()) {
            failIf(CHECK);
        }
    }

    synchronized void audit(String detail) {
        if (Thread.currentThread() != owner) {
            return;
        }
        record(AUDIT, "", 0, detail);
        if (failMessage != null && started()) {
            failIf(AUDIT);
        }
    }

    synchronized void end(boolean committed) {
        if (Thread.currentThread() != owner) {
            return;
        }
        record(committed ? COMMIT : ROLLBACK, "", 0, "");
    }

    synchronized boolean recording() {
        return recording;
    }

    private boolean started() {
        return events.stream().anyMatch(e -> e.is(STAGE, failMessage, 1));
    }

    private void failIf(String point) {
        if (point.equals(failPoint)) {
            failPoint = null;
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "probe failure at " + point);
        }
    }

    private void record(String kind, String message, int depth, String detail) {
        if (recording) {
            events.add(new Event(kind, message, depth, detail, transaction()));
        }
    }

    static int transaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return 0;
        }
        return TransactionSynchronizationManager.getResourceMap().values().stream()
                .filter(ConnectionHolder.class::isInstance).mapToInt(System::identityHashCode).findFirst().orElse(-1);
    }
}
