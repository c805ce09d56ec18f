package io.rapport.webapi.internal.operations;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's RetrieveTotalRecordCount function ({@code EntityNames} → {@code EntityRecordCountCollection} with
 * {@code Count}, {@code IsReadOnly}, {@code Keys}, {@code Values}): the number of records of each entity, counted
 * in SQL through a RetrieveMultiple as the caller, so only records the caller may read are counted (Dataverse counts
 * from a daily snapshot).
 */
@Component
public class RetrieveTotalRecordCountFunction implements ActionHandler {

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition("RetrieveTotalRecordCount", null, true,
                List.of(Parameter.required("EntityNames", "StringArray")),
                List.of(Parameter.required("EntityRecordCountCollection", "Object")));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) request.parameter("EntityNames");
        List<String> keys = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (String name : names) {
            if (context.snapshot().findEntity(name).isEmpty()) {
                throw new RapportException(ErrorCode.ENTITY_NOT_FOUND, "Could not find an entity with the name "
                        + name + ".");
            }
            long count = context.service().retrieveMultiple(QueryExpression.from(name).columns(ColumnSet.none())
                    .paging(new PagingInfo(1, 1, null, true)).build()).totalRecordCount();
            keys.add(name);
            values.add(Math.max(count, 0));
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("Count", keys.size());
        collection.put("IsReadOnly", false);
        collection.put("Keys", keys);
        collection.put("Values", values);
        return new ActionResponse(Map.of("EntityRecordCountCollection", collection));
    }
}
