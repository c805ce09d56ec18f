package io.rapport.marketing.internal.campaigns;

import static io.rapport.marketing.internal.campaigns.CampaignMessages.CAMPAIGN;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.CAMPAIGN_ID;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.CAMPAIGN_ITEM_ID;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.ENTITY_ID;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.ENTITY_NAME;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's AddItemCampaign and RemoveItemCampaign. AddItemCampaign has the Web API's shape, bound to the item
 * ({@code POST lists(<id>)/Microsoft.Dynamics.CRM.AddItemCampaign} with {@code Campaign}) and answering the
 * {@code campaignitem}; in process it also takes the Organization Service's (CampaignId, EntityId, EntityName, and
 * CampaignItemId in the response). RemoveItemCampaign
 * (CampaignId, EntityId): a marketing list or a product the campaign targets, kept as a {@code campaignitem}.
 * Adding an item twice answers the existing item; removing one that is not there is refused.
 */
@Configuration
class CampaignItemActions {

    @Bean
    ActionHandler addItemCampaign() {
        // the Web API's shape: bound to the item, the campaign as a parameter, the campaignitem as the answer
        ActionDefinition d = new ActionDefinition(CampaignMessages.ADD_ITEM_CAMPAIGN, ActionDefinition.ANY_ENTITY,
                false, List.of(Parameter.entity(CAMPAIGN, "EntityReference", "campaign", false)),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "campaignitem", false)));
        return new ItemAction(d) {
            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                List<AccessDemand> demands = new ArrayList<>(super.privileges(request, context));
                demands.add(AccessDemand.entity("campaignitem", Privilege.CREATE));
                return demands;
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                UUID campaign = guid(request, CAMPAIGN_ID);
                EntityReference item = item(request, context);
                context.service().retrieve("campaign", campaign, ColumnSet.none());
                context.service().retrieve(item.logicalName(), item.id(), ColumnSet.none());
                UUID id = find(context, campaign, item.id()).orElseGet(() -> context.service().create(
                        new Entity("campaignitem").set("campaignid", new EntityReference("campaign", campaign))
                                .set("entityid", item)));
                Entity created = context.service().retrieve("campaignitem", id, ColumnSet.all());
                // the Organization Service's AddItemCampaignResponse carries the id; the Web API's the record
                return new ActionResponse(Map.of(ActionDefinition.RETURNED_ENTITY, created, CAMPAIGN_ITEM_ID, id));
            }
        };
    }

    @Bean
    ActionHandler removeItemCampaign() {
        ActionDefinition d = new ActionDefinition(CampaignMessages.REMOVE_ITEM_CAMPAIGN, null, false, List.of(
                Parameter.required(CAMPAIGN_ID, "Guid"), Parameter.required(ENTITY_ID, "Guid")), List.of());
        return new ItemAction(d) {
            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.reference(new EntityReference("campaign", guid(request, CAMPAIGN_ID)),
                        Privilege.WRITE), AccessDemand.entity("campaignitem", Privilege.DELETE));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                UUID campaign = guid(request, CAMPAIGN_ID);
                UUID entity = guid(request, ENTITY_ID);
                UUID id = find(context, campaign, entity).orElseThrow(() -> new RapportException(
                        ErrorCode.OBJECT_DOES_NOT_EXIST, "The campaign does not target the record " + entity + ".",
                        ENTITY_ID));
                context.service().delete("campaignitem", id);
                return new ActionResponse(Map.of());
            }
        };
    }

    static Optional<UUID> find(PluginContext context, UUID campaign, UUID entity) {
        return context.service().retrieveMultiple(QueryExpression.from("campaignitem").columns(ColumnSet.none())
                .where(Condition.eq("campaignid", campaign)).where(Condition.eq("entityid", entity)).top(1).build())
                .entities().stream().findFirst().map(Entity::id);
    }

    /** An unbound campaign item action: the campaign must be named and written. */
    private abstract static class ItemAction implements ActionHandler {
        private final ActionDefinition definition;

        ItemAction(ActionDefinition definition) {
            this.definition = definition;
        }

        @Override
        public ActionDefinition definition() {
            return definition;
        }

        @Override
        public void validate(ActionRequest request, PluginContext context) {
            guid(request, CAMPAIGN_ID);
            guid(request, ENTITY_ID);
            if (ActionDefinition.ANY_ENTITY.equals(definition.boundEntity())) {
                item(request, context);
            }
        }

        @Override
        public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
            return List.of(AccessDemand.reference(new EntityReference("campaign", guid(request, CAMPAIGN_ID)),
                    Privilege.WRITE), AccessDemand.reference(item(request, context), Privilege.READ));
        }
    }

    static UUID guid(ActionRequest request, String parameter) {
        Object value = request.parameter(parameter);
        if (CAMPAIGN_ID.equals(parameter) && request.target() != null && value == null) {
            // bound (the Web API's shape): the campaign is the Campaign parameter
            Object campaign = request.parameter(CAMPAIGN);
            if (campaign instanceof EntityReference ref && "campaign".equals(ref.logicalName()) && ref.id() != null) {
                return ref.id();
            }
            if (campaign instanceof Entity e && "campaign".equals(e.logicalName()) && e.id() != null) {
                return e.id();
            }
            throw RapportException.invalid("The parameter Campaign is required: the campaign ({\"campaignid\":"
                    + "\"<guid>\"}) to add the " + request.target().logicalName() + " to.");
        }
        if (ENTITY_ID.equals(parameter) && request.target() != null && value == null) {
            return request.target().id();
        }
        if (value instanceof UUID id) {
            return id;
        }
        if (value instanceof String s) {
            try {
                return UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                // reported below with the parameter's name
            }
        }
        throw RapportException.invalid("The parameter " + parameter + " is required and must be a GUID.");
    }

    /** The list or product named by EntityName and EntityId. */
    static EntityReference item(ActionRequest request, PluginContext context) {
        Object name = request.target() != null && request.parameter(ENTITY_NAME) == null
                ? request.target().logicalName() : request.parameter(ENTITY_NAME);
        if (!(name instanceof String entity) || !CampaignItemPlugin.TARGETS.contains(entity)
                || context.snapshot().findEntity(entity).isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, (request.target() != null ? "AddItemCampaign is "
                    + "bound to a marketing list or a product" : "The parameter EntityName must be 'list' or "
                    + "'product'") + " (a campaign targets marketing lists and products), not '" + name + "'.",
                    ENTITY_NAME);
        }
        return new EntityReference(entity, guid(request, ENTITY_ID));
    }
}
