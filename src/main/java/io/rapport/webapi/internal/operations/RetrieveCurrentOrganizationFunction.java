package io.rapport.webapi.internal.operations;

import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationSettings;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.SecurityProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's RetrieveCurrentOrganization function ({@code AccessType}, accepted: one server answers every access
 * type) → {@code Detail}: the organization's id (the organization record's, the root business unit's as WhoAmI),
 * friendly name (the record's {@code name}, which an administrator may change) and unique name (from the name
 * configured at the first start, as Dataverse's does not change), version and state, and the one endpoint Rapport
 * has of Dataverse's three: {@code WebApplication}, the server's address as the request reached it (the Web API lives
 * below it, at {@code api/data/v9.2}); there is no SOAP organization service nor OData v2 data service. Needs no
 * privilege, as in Dataverse.
 */
@Component
public class RetrieveCurrentOrganizationFunction implements ActionHandler {

    private final CallerProvider callers;
    private final SecurityProperties security;

    RetrieveCurrentOrganizationFunction(CallerProvider callers, SecurityProperties security) {
        this.callers = callers;
        this.security = security;
    }

    /** Dataverse's EndpointCollection: WebApplication when the call came over HTTP, else none. */
    private static Map<String, Object> endpoints() {
        boolean http = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes;
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("Count", http ? 1 : 0);
        endpoints.put("IsReadOnly", true);
        endpoints.put("Keys", http ? List.of("WebApplication") : List.of());
        endpoints.put("Values", http ? List.of(org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().toUriString() + "/") : List.of());
        return endpoints;
    }

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition("RetrieveCurrentOrganization", null, true,
                List.of(Parameter.optional("AccessType", "String")), List.of(Parameter.required("Detail", "Object")));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<Entity> record = context.service().as(callers.system()).retrieveMultiple(QueryExpression
                .from(OrganizationSettings.ENTITY).columns(ColumnSet.of("name")).top(1).build()).entities();
        List<Entity> root = !record.isEmpty() ? record : context.service().as(callers.system())
                .retrieveMultiple(QueryExpression.from("businessunit").columns(ColumnSet.none())
                .where(Condition.of("parentbusinessunitid", ConditionOperator.NULL)).top(1).build()).entities();
        String unique = security.organizationName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("OrganizationId", root.isEmpty() ? null : root.get(0).id());
        detail.put("FriendlyName", record.isEmpty() ? security.organizationName() : record.get(0).getString("name"));
        detail.put("UniqueName", unique);
        detail.put("UrlName", unique);
        detail.put("OrganizationVersion", RetrieveVersionFunction.VERSION);
        detail.put("State", "Enabled");
        detail.put("OrganizationType", "Customer");
        detail.put("Endpoints", endpoints());
        return new ActionResponse(Map.of("Detail", detail));
    }
}
