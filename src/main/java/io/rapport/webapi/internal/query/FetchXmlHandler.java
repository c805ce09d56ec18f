package io.rapport.webapi.internal.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.query.FetchXmlParser;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordWriter.Row;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * GET on an entity set with {@code ?fetchXml=}: runs the FetchXML through the query model and answers like
 * Dataverse, with linked columns as {@code alias.attribute}, {@code @Microsoft.Dynamics.CRM.morerecords}, the
 * paging cookie of the next page and the total record count when asked.
 */
@Component
public class FetchXmlHandler {

    private static final String PREFIX = "@Microsoft.Dynamics.CRM.";

    public ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        return handle(ctx, e, ctx.request().option("fetchXml"));
    }

    /** Runs {@code fetchXml} (given, or a saved or personal view's) against the entity set of {@code e}. */
    public ApiResponse handle(ApiContext ctx, EntityMetadata e, String fetchXml) {
        FetchXmlParser.Fetch fetch = FetchXmlParser.parse(fetchXml, ctx.limits());
        if (!fetch.query().entityName().equals(e.logicalName())) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The FetchXML queries '" + fetch.query().entityName()
                    + "' but was sent to the entity set '" + e.entitySetName() + "'.");
        }
        EntityCollection result = ctx.org().retrieveMultiple(fetch.query());
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(e.entitySetName()));
        if (fetch.returnTotal() && result.totalRecordCount() >= 0) {
            body.put(PREFIX + "totalrecordcount", Math.min(result.totalRecordCount(), Paging.COUNT_LIMIT));
            body.put(PREFIX + "totalrecordcountlimitexceeded", result.totalRecordCount() > Paging.COUNT_LIMIT);
        }
        body.put(PREFIX + "morerecords", result.moreRecords());
        if (result.moreRecords() && !result.entities().isEmpty()) {
            body.put(PREFIX + "fetchxmlpagingcookie", cookie(e, result, fetch.page()));
        }
        ArrayNode values = body.putArray("value");
        RecordWriter writer = ctx.writer();
        for (Entity entity : result.entities()) {
            values.add(writer.write(e, new Row(entity), fetch.query().columns().allColumns()));
        }
        return ctx.withAnnotationsApplied(ApiResponse.json(200, Json.write(body)));
    }

    /** Dataverse's cookie: the next page number and the (twice URL-encoded) cookie of this page. */
    private static String cookie(EntityMetadata e, EntityCollection result, int page) {
        String first = result.entities().get(0).id() == null ? "" : result.entities().get(0).id().toString();
        String last = result.entities().get(result.size() - 1).id() == null ? ""
                : result.entities().get(result.size() - 1).id().toString();
        String inner = "<cookie page=\"" + page + "\"><" + e.primaryIdAttribute() + " last=\"{" + last
                + "}\" first=\"{" + first + "}\" /></cookie>";
        return "<cookie pagenumber=\"" + (page + 1) + "\" pagingcookie=\"" + encode(encode(inner))
                + "\" istracking=\"False\" />";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
