package io.rapport.security.internal.history;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.PagingInfo;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.AccessErrors;
import io.rapport.security.internal.access.AccessEvaluator;
import io.rapport.security.internal.access.PrivilegeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's {@code RetrieveRecordChangeHistory} (Target, PagingInfo): the audit history of one record, newest
 * first, for callers who hold prvReadRecordAuditHistory and may read the record. Values of secured attributes
 * the caller may not read are left out. Each detail has the shape of an AttributeAuditDetail: AuditRecord,
 * OldValue and NewValue.
 */
@Component
class RetrieveRecordChangeHistoryAction implements ActionHandler {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final ActionDefinition DEFINITION = new ActionDefinition("RetrieveRecordChangeHistory", null, true,
            List.of(Parameter.entity("Target", "EntityReference", null, false),
                    Parameter.optional("PagingInfo", "PagingInfo")),
            List.of(Parameter.required("AuditDetailCollection", "AuditDetailCollection")));

    private final AuditLog audit;
    private final AccessEvaluator evaluator;
    private final AccessChecker access;
    private final OrganizationIdentity identity;

    RetrieveRecordChangeHistoryAction(AuditLog audit, AccessEvaluator evaluator, AccessChecker access,
            OrganizationIdentity identity) {
        this.audit = audit;
        this.evaluator = evaluator;
        this.access = access;
        this.identity = identity;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        UUID caller = context.caller().userId();
        if (!identity.isSystem(context.caller()) && !evaluator.holds(evaluator.security(caller),
                PrivilegeCatalog.READ_RECORD_AUDIT_HISTORY)) {
            throw AccessErrors.missingPrivilege(caller, PrivilegeCatalog.READ_RECORD_AUDIT_HISTORY);
        }
        EntityReference target = target(request.parameter("Target"));
        EntityMetadata e = context.snapshot().entity(target.logicalName());
        context.service().retrieve(e.logicalName(), target.id(), ColumnSet.none());
        int page = 1;
        int size = DEFAULT_PAGE_SIZE;
        Object paging = io.rapport.security.internal.access.ParameterValues.plain(request.parameter("PagingInfo"));
        if (paging instanceof PagingInfo p) {
            page = p.pageNumber();
            size = p.count();
        } else if (paging instanceof Map<?, ?> m) {
            page = number(m.get("PageNumber"), 1);
            size = number(m.get("Count"), DEFAULT_PAGE_SIZE);
        }
        if (page < 1 || size < 1 || size > PagingInfo.MAX_PAGE_SIZE) {
            throw RapportException.invalid("PagingInfo needs PageNumber >= 1 and Count between 1 and "
                    + PagingInfo.MAX_PAGE_SIZE + ".");
        }
        List<AuditEntry> entries = new ArrayList<>(audit.history(e.logicalName(), target.id(), page, size + 1));
        boolean more = entries.size() > size;
        if (more) {
            entries.remove(size);
        }
        Set<String> hidden = new java.util.HashSet<>(access.unreadableAttributes(context.caller(), e));
        // write-only values are never audited; should an older entry hold one, it is not shown either
        e.attributes().stream().filter(a -> !a.isReadable()).forEach(a -> hidden.add(a.logicalName()));
        List<Map<String, Object>> details = entries.stream().map(en -> detail(en, hidden)).toList();
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("AuditDetails", details);
        collection.put("MoreRecords", more);
        collection.put("PagingCookie", null);
        collection.put("TotalRecordCount", -1);
        return new ActionResponse(Map.of("AuditDetailCollection", collection));
    }

    private static Map<String, Object> detail(AuditEntry en, Set<String> hidden) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("auditid", en.auditId());
        record.put("createdon", en.createdOn());
        record.put("operation", en.operation());
        record.put("_userid_value", en.userId());
        record.put("_objectid_value", en.objectId());
        record.put("objecttypecode", en.entityName());
        record.put("channel", en.channel());
        Map<String, Object> oldValue = new LinkedHashMap<>();
        Map<String, Object> newValue = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeChange> c : en.changes().entrySet()) {
            if (hidden.contains(c.getKey())) {
                continue;
            }
            oldValue.put(c.getKey(), c.getValue().oldValue());
            newValue.put(c.getKey(), c.getValue().newValue());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("@odata.type", "#Microsoft.Dynamics.CRM.AttributeAuditDetail");
        detail.put("AuditRecord", record);
        detail.put("OldValue", oldValue);
        detail.put("NewValue", newValue);
        return detail;
    }

    private static EntityReference target(Object raw) {
        Object value = io.rapport.security.internal.access.ParameterValues.plain(raw);
        if (value instanceof EntityReference r && r.id() != null) {
            return r;
        }
        if (value instanceof Map<?, ?> m && m.get("logicalName") != null && m.get("id") != null) {
            return new EntityReference(m.get("logicalName").toString(), UUID.fromString(m.get("id").toString()));
        }
        throw RapportException.invalid("RetrieveRecordChangeHistory needs a Target record.");
    }

    private static int number(Object v, int fallback) {
        return v instanceof Number n ? n.intValue() : v == null ? fallback : Integer.parseInt(v.toString());
    }
}
