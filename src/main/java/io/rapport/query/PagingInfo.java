package io.rapport.query;

/**
 * Which page to read. {@code pageNumber} starts at 1. A paging cookie from the previous page, when given, lets
 * the store seek past the last row instead of counting rows to skip.
 */
public record PagingInfo(int pageNumber, int count, String pagingCookie, boolean returnTotalRecordCount) {

    public static final int MAX_PAGE_SIZE = 5000;

    public PagingInfo {
        if (pageNumber < 1) {
            throw new IllegalArgumentException("pageNumber starts at 1");
        }
        if (count < 1 || count > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    public static PagingInfo page(int pageNumber, int count) {
        return new PagingInfo(pageNumber, count, null, false);
    }

    public PagingInfo withTotalCount() {
        return new PagingInfo(pageNumber, count, pagingCookie, true);
    }
}
