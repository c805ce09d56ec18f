package io.rapport.service.internal;

/** Contract and contract line states, status reasons and allotment types (Dataverse values). */
final class Contracts {

    static final int DRAFT = 0;
    static final int INVOICED = 1;
    static final int ACTIVE = 2;
    static final int ON_HOLD = 3;
    static final int CANCELED = 4;
    static final int EXPIRED = 5;

    static final int LINE_EXISTING = 0;
    static final int LINE_CANCELED = 2;
    static final int LINE_CANCELED_STATUS = 3;
    static final int LINE_EXPIRED = 3;
    static final int LINE_EXPIRED_STATUS = 4;

    static final int CASES = 1;
    static final int TIME = 2;
    static final int COVERAGE_DATES = 3;

    /** The fields the service module keeps on a line; nobody else writes them. */
    static final java.util.Set<String> USAGE = java.util.Set.of("allotmentsused", "allotmentsremaining",
            "allotmentsoverage");

    private Contracts() {
    }

    /** Whether a contract may move from one state to the other by SetState (cancel and expire included). */
    static boolean allowed(int from, int to) {
        return switch (from) {
            case DRAFT -> to == INVOICED;
            case INVOICED -> to == ACTIVE || to == ON_HOLD || to == CANCELED || to == EXPIRED;
            case ACTIVE -> to == ON_HOLD || to == CANCELED || to == EXPIRED;
            case ON_HOLD -> to == ACTIVE || to == CANCELED || to == EXPIRED;
            default -> false;
        };
    }
}
