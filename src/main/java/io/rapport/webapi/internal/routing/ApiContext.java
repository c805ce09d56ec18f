package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryLimits;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.RecordQueries;
import java.util.UUID;

/**
 * What a handler needs for one request: the request, one metadata snapshot, the pipeline, the preferences and the
 * query limits.
 */
public record ApiContext(ApiRequest request, MetadataSnapshot snapshot, OrganizationService org, Preferences prefs,
        QueryLimits limits) {

    public RecordWriter writer() {
        return new RecordWriter(snapshot, prefs);
    }

    public RecordReader reader() {
        return new RecordReader(snapshot, request.contentIds());
    }

    public RecordQueries queries() {
        // formatting every value costs more than a small read's SQL: only when the Prefer header asks for them
        return new RecordQueries(org, snapshot, limits, prefs.wantsAnnotation(RecordWriter.FORMATTED));
    }

    public String entityUrl(EntityMetadata e, UUID id) {
        return request.serviceRoot() + e.entitySetName() + "(" + id + ")";
    }

    /** The {@code @odata.context} URL for a fragment such as {@code accounts(name)/$entity}. */
    public String context(String fragment) {
        return request.serviceRoot() + "$metadata#" + fragment;
    }

    public static String selectFragment(ColumnSet columns) {
        return columns.allColumns() ? "" : "(" + String.join(",", columns.columns()) + ")";
    }

    /** Adds the Preference-Applied header for the annotations preference when it was honoured. */
    public ApiResponse withAnnotationsApplied(ApiResponse response) {
        if (prefs.includeAnnotations() != null) {
            response.header("Preference-Applied", "odata.include-annotations=\"" + prefs.includeAnnotations() + "\"");
        }
        return response;
    }

    public static RapportException notFound(String segment) {
        return new RapportException(ErrorCode.RESOURCE_NOT_FOUND, "Resource not found for the segment '"
                + RapportException.quote(segment) + "'.");
    }

    public static RapportException methodNotAllowed(String method, String resource) {
        return new RapportException(ErrorCode.METHOD_NOT_ALLOWED, "The requested resource '" + resource
                + "' does not support http method '" + method + "'.");
    }

    /** Refuses (405) a request to a read-only resource with any method but GET. */
    public void requireGet(String resource) {
        if (!request().method().equals("GET")) {
            throw methodNotAllowed(request().method(), resource);
        }
    }

    /** The row version in an ETag such as {@code W/"12345"}. */
    public static Long version(String etag) {
        String v = etag.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The ETag '" + etag + "' is not valid; use the "
                    + "@odata.etag value of the record, e.g. W/\"12345\", or *.");
        }
    }
}
