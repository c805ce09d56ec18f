package io.rapport.activity;

/** The names of the activity module's functions and their parameters. */
public final class ActivityMessages {

    /**
     * Rapport's timeline function: the activities and notes of a record, newest first, one page at a time; for an
     * account also those of its contacts and opportunities.
     */
    public static final String RETRIEVE_TIMELINE = "RetrieveTimeline";
    public static final String TARGET = "Target";
    public static final String PAGE_SIZE = "PageSize";
    public static final String PAGING_COOKIE = "PagingCookie";
    /** The output: an EntityCollection of activitypointer and annotation records with moreRecords and cookie. */
    public static final String TIMELINE = "Timeline";

    private ActivityMessages() {
    }
}
