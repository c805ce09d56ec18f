package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.query.QueryExpression;
import io.rapport.webapi.OfflineScopes;
import io.rapport.query.ColumnSet;
import io.rapport.query.PagingInfo;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordWriter.Row;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.QueryOptions;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Change tracking on an entity set: {@code Prefer: odata.track-changes} returns the rows with an
 * {@code @odata.deltaLink}; following a link ({@code $deltatoken}) returns the rows created or changed since and
 * {@code $deletedEntity} entries (reason "deleted") for rows deleted or no longer readable by the caller. Pages of
 * {@code odata.maxpagesize} are linked with {@code @odata.nextLink}; the last page carries the new delta link. Runs
 * the pipeline's RetrieveEntityChanges as the caller, without formatted values unless
 * {@code odata.include-annotations} asks for them; with Rapport's {@code Prefer: rapport.offline-profile}, limited to
 * the records of the caller's offline profile ({@link OfflineScopes}).
 */
@Component
public class DeltaHandler {

    /** Query options Dataverse does not combine with change tracking. */
    static final List<String> REFUSED = List.of("$filter", "$orderby", "$expand", "$top", "$skip", "$count",
            "$apply", "$search", "fetchXml", "savedQuery", "userQuery");

    private final ObjectProvider<OfflineScopes> scopes;
    private final CallerProvider callers;

    DeltaHandler(ObjectProvider<OfflineScopes> scopes, CallerProvider callers) {
        this.scopes = scopes;
        this.callers = callers;
    }

    @SuppressWarnings("unchecked")
    ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        List<String> refused = REFUSED.stream().filter(o -> ctx.request().option(o) != null).toList();
        if (!refused.isEmpty()) {
            String plural = refused.size() > 1 ? "s " : " ";
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query option" + plural
                    + String.join(", ", refused) + (refused.size() > 1 ? " are" : " is") + " not supported with change "
                    + "tracking (Prefer: odata.track-changes or $deltatoken); only $select may be used.");
        }
        ColumnSet columns = QueryOptions.of(ctx.request().query()).columns(e);
        Map<String, Object> params = new HashMap<>();
        params.put("EntityName", e.logicalName());
        String token = ctx.request().option("$deltatoken");
        if (token != null) {
            params.put("DataVersion", token);
        }
        if (!columns.allColumns()) {
            params.put("Columns", columns.columns());
        }
        if (!ctx.prefs().wantsAnnotation(RecordWriter.FORMATTED)) {
            // a sync client rarely wants them; formatting every value is the delta's largest avoidable cost
            params.put("FormattedValues", false);
        }
        boolean offline = ctx.prefs().offlineProfile();
        if (offline) {
            OfflineScopes profile = scopes.getIfAvailable();
            Optional<QueryExpression> scope = profile == null ? Optional.empty()
                    : profile.scope(callers.current(), e.logicalName());
            scope.ifPresent(q -> params.put("Scope", q));
        }
        Integer pageSize = ctx.prefs().maxPageSize();
        if (pageSize != null) {
            params.put("PageInfo", new PagingInfo(1, pageSize, null, false));
        }
        Map<String, Object> changes = (Map<String, Object>) ctx.org().execute(
                new ActionRequest("RetrieveEntityChanges", params)).output("EntityChanges");
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(e.entitySetName() + ApiContext.selectFragment(columns) + "/$delta"));
        ArrayNode values = body.putArray("value");
        RecordWriter writer = ctx.writer();
        String deletedContext = null;
        for (Map<String, Object> change : (List<Map<String, Object>>) changes.get("Changes")) {
            if (change.get("NewOrUpdatedEntity") instanceof Entity row) {
                values.add(writer.write(e, new Row(row), true));
            } else if (change.get("RemovedOrDeletedItem") instanceof EntityReference removed) {
                ObjectNode deleted = values.addObject();
                if (deletedContext == null) {
                    deletedContext = ctx.context(e.entitySetName() + "/$deletedEntity");
                }
                deleted.put("@odata.context", deletedContext);
                deleted.put("id", removed.id().toString());
                deleted.put("reason", "deleted");
            }
        }
        String link = link(ctx, e, columns, (String) changes.get("DataToken"));
        body.put(Boolean.TRUE.equals(changes.get("MoreRecords")) ? "@odata.nextLink" : "@odata.deltaLink", link);
        ApiResponse response = ApiResponse.json(200, Json.write(body));
        String applied = "odata.track-changes" + (pageSize != null ? ",odata.maxpagesize=" + pageSize : "")
                + (offline ? ",rapport.offline-profile" : "");
        response.header("Preference-Applied", applied);
        return response;
    }

    private static String link(ApiContext ctx, EntityMetadata e, ColumnSet columns, String token) {
        StringBuilder url = new StringBuilder(ctx.request().serviceRoot()).append(e.entitySetName()).append('?');
        if (!columns.allColumns()) {
            url.append("$select=").append(String.join(",", columns.columns())).append('&');
        }
        return url.append("$deltatoken=").append(URLEncoder.encode(token, StandardCharsets.UTF_8)).toString();
    }
}
