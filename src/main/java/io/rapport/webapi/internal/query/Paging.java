package io.rapport.webapi.internal.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.query.PagingInfo;
import io.rapport.webapi.internal.routing.ApiRequest;
import io.rapport.webapi.internal.routing.Preferences;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paging of collection reads: $top, $count, {@code Prefer: odata.maxpagesize} and the {@code $skiptoken} of
 * {@code @odata.nextLink} (a Dataverse-style {@code <cookie pagenumber="2" />}).
 */
public record Paging(Integer top, PagingInfo info, boolean pageSizeApplied) {

    static final int DEFAULT_PAGE_SIZE = 5000;

    /** Dataverse's most for a count of standard tables: a larger number of records answers this. */
    public static final int COUNT_LIMIT = 5000;
    private static final String TOTAL = "Microsoft.Dynamics.CRM.totalrecordcount";
    private static final String EXCEEDED = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    /**
     * {@code @odata.count} of a page, at most {@value #COUNT_LIMIT} as in Dataverse, and when the include-annotations
     * preference asks for them the total (as capped) and whether more records than the limit match.
     */
    public static void writeCount(ObjectNode body, long total, Preferences prefs) {
        body.put("@odata.count", Math.min(total, COUNT_LIMIT));
        if (prefs.wantsAnnotation(TOTAL)) {
            body.put("@" + TOTAL, Math.min(total, COUNT_LIMIT));
        }
        if (prefs.wantsAnnotation(EXCEEDED)) {
            body.put("@" + EXCEEDED, total > COUNT_LIMIT);
        }
    }
    private static final Pattern PAGE = Pattern.compile("pagenumber=\"(\\d+)\"");

    public static Paging of(QueryOptions o, Preferences prefs, String skipToken) {
        Integer top = o.topCount();
        boolean count = o.countRequested();
        if (top != null) {
            return count ? new Paging(null, new PagingInfo(1, top, null, true), false) : new Paging(top, null, false);
        }
        int page = skipToken == null ? 1 : pageNumber(skipToken);
        int size = prefs.maxPageSize() != null ? prefs.maxPageSize() : DEFAULT_PAGE_SIZE;
        return new Paging(null, new PagingInfo(page, size, null, count), prefs.maxPageSize() != null);
    }

    static int pageNumber(String skipToken) {
        Matcher m = PAGE.matcher(skipToken);
        if (!m.find()) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $skiptoken '" + skipToken
                    + "' is not valid; use the @odata.nextLink of the previous page.");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The URL of the next page: the same request with the next page's $skiptoken. */
    public String nextLink(ApiRequest request) {
        StringBuilder url = new StringBuilder(request.serviceRoot()).append(request.path()).append('?');
        boolean first = true;
        for (Map.Entry<String, String> en : request.query().entrySet()) {
            if (en.getKey().equals("$skiptoken")) {
                continue;
            }
            url.append(first ? "" : "&").append(encode(en.getKey())).append('=').append(encode(en.getValue()));
            first = false;
        }
        String token = "<cookie pagenumber=\"" + (info.pageNumber() + 1) + "\" istracking=\"False\" />";
        return url.append(first ? "" : "&").append("$skiptoken=").append(encode(token)).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$")
                .replace("%2C", ",").replace("%28", "(").replace("%29", ")").replace("%27", "'");
    }
}
