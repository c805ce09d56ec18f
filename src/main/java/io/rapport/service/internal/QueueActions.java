package io.rapport.service.internal;

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
import io.rapport.service.ServiceMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's queue actions. {@code AddToQueue} (bound to the destination queue; Target, SourceQueue,
 * QueueItemProperties) puts a case or activity in the queue, moving it from the source queue when one is named, and
 * answers the {@code QueueItemId} (the existing item when it is there already). Bound to a queue item:
 * {@code PickFromQueue} (SystemUser, RemoveQueueItem) makes the user its worker, refused while someone else works
 * on it; {@code ReleaseToQueue} clears the worker; {@code RemoveFromQueue} takes the item out of the queue;
 * {@code RouteTo} (Target: a queue, user or team) moves it to another queue or gives it to a worker.
 */
@Configuration
class QueueActions {

    private final Clock clock;

    QueueActions(Clock clock) {
        this.clock = clock;
    }

    @Bean
    ActionHandler addToQueue() {
        ActionDefinition d = new ActionDefinition(ServiceMessages.ADD_TO_QUEUE, "queue", false, List.of(
                Parameter.entity(ServiceMessages.TARGET, "EntityReference", null, false),
                Parameter.entity(ServiceMessages.SOURCE_QUEUE, "EntityReference", "queue", true),
                Parameter.entity(ServiceMessages.QUEUE_ITEM_PROPERTIES, "Entity", "queueitem", true)),
                List.of(Parameter.required(ServiceMessages.QUEUE_ITEM_ID, "Guid")));
        return new QueueAction(d, "queue") {
            @Override
            public void validate(ActionRequest request, PluginContext context) {
                super.validate(request, context);
                EntityReference target = target(request);
                if (!context.snapshot().entity("queueitem").attribute("objectid").targets()
                        .contains(target.logicalName())) {
                    throw RapportException.invalid("A " + target.logicalName() + " cannot be put in a queue; "
                            + "cases and activities can.");
                }
            }

            @Override
            public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
                return List.of(AccessDemand.reference(request.target(), Privilege.APPEND_TO),
                        AccessDemand.reference(target(request), Privilege.READ),
                        AccessDemand.entity("queueitem", Privilege.CREATE));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                EntityReference target = target(request);
                EntityReference queue = new EntityReference("queue", request.target().id());
                // read as the caller: a private queue the caller is not a member of is not theirs to fill
                context.service().retrieve("queue", queue.id(), ColumnSet.none());
                Optional<Entity> there = item(context, queue.id(), target);
                if (there.isPresent()) {
                    return new ActionResponse(Map.of(ServiceMessages.QUEUE_ITEM_ID, there.get().id()));
                }
                if (request.parameter(ServiceMessages.SOURCE_QUEUE) instanceof EntityReference source) {
                    Optional<Entity> moving = item(context, source.id(), target);
                    if (moving.isPresent()) {
                        context.service().update(new Entity("queueitem", moving.get().id()).set("queueid", queue)
                                .set("enteredon", Instant.now(clock)));
                        return new ActionResponse(Map.of(ServiceMessages.QUEUE_ITEM_ID, moving.get().id()));
                    }
                }
                Entity item = request.parameter(ServiceMessages.QUEUE_ITEM_PROPERTIES) instanceof Entity props
                        ? props.copy() : new Entity("queueitem");
                String nameAttribute = context.snapshot().entity(target.logicalName()).primaryNameAttribute();
                Entity record = context.service().retrieve(target.logicalName(), target.id(),
                        ColumnSet.of(nameAttribute));
                item.set("queueid", queue).set("objectid", target).set("enteredon", Instant.now(clock));
                if (item.get("title") == null) {
                    item.set("title", record.getString(nameAttribute));
                }
                return new ActionResponse(Map.of(ServiceMessages.QUEUE_ITEM_ID, context.service().create(item)));
            }
        };
    }

    @Bean
    ActionHandler pickFromQueue() {
        ActionDefinition d = new ActionDefinition(ServiceMessages.PICK_FROM_QUEUE, "queueitem", false, List.of(
                Parameter.entity(ServiceMessages.SYSTEM_USER, "EntityReference", "systemuser", false),
                Parameter.required(ServiceMessages.REMOVE_QUEUE_ITEM, "Boolean")), List.of());
        return new QueueAction(d, "queueitem") {
            @Override
            public void validate(ActionRequest request, PluginContext context) {
                super.validate(request, context);
                if (!(request.parameter(ServiceMessages.SYSTEM_USER) instanceof EntityReference user)
                        || !"systemuser".equals(user.logicalName())) {
                    throw RapportException.invalid("The parameter SystemUser must name a user.");
                }
                ContractCopies.flag(request.parameter(ServiceMessages.REMOVE_QUEUE_ITEM),
                        ServiceMessages.REMOVE_QUEUE_ITEM);
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                EntityReference user = (EntityReference) request.parameter(ServiceMessages.SYSTEM_USER);
                Entity item = context.service().retrieve("queueitem", request.target().id(),
                        ColumnSet.of("workerid", "title"));
                if (item.get("workerid") instanceof EntityReference worker && !worker.id().equals(user.id())) {
                    throw new RapportException(ErrorCode.BUSINESS_RULE, "The queue item '" + item.getString("title")
                            + "' is already being worked on by " + (worker.name() == null ? "someone else" : worker.name())
                            + "; it must be released before someone else picks it.", "workerid");
                }
                if (Boolean.TRUE.equals(request.parameter(ServiceMessages.REMOVE_QUEUE_ITEM))) {
                    context.service().delete("queueitem", item.id());
                } else {
                    context.service().update(new Entity("queueitem", item.id())
                            .set("workerid", new EntityReference("systemuser", user.id()))
                            .set("workeridmodifiedon", Instant.now(clock)));
                }
                return new ActionResponse(Map.of());
            }
        };
    }

    @Bean
    ActionHandler releaseToQueue() {
        return ActionHandlerOn.item(new ActionDefinition(ServiceMessages.RELEASE_TO_QUEUE, "queueitem", false,
                List.of(), List.of()), Privilege.WRITE, (request, context) -> {
                    readable(context, request);
                    context.service().update(new Entity("queueitem", request.target().id()).set("workerid", null)
                            .set("workeridmodifiedon", Instant.now(clock)));
                    return Map.of();
                });
    }

    @Bean
    ActionHandler removeFromQueue() {
        return ActionHandlerOn.item(new ActionDefinition(ServiceMessages.REMOVE_FROM_QUEUE, "queueitem", false,
                List.of(), List.of()), Privilege.DELETE, (request, context) -> {
                    readable(context, request);
                    context.service().delete("queueitem", request.target().id());
                    return Map.of();
                });
    }

    @Bean
    ActionHandler routeTo() {
        ActionDefinition d = new ActionDefinition(ServiceMessages.ROUTE_TO, "queueitem", false, List.of(
                Parameter.entity(ServiceMessages.TARGET, "EntityReference", null, false)), List.of());
        return new QueueAction(d, "queueitem") {
            @Override
            public void validate(ActionRequest request, PluginContext context) {
                super.validate(request, context);
                String kind = target(request).logicalName();
                if (!List.of("queue", "systemuser", "team").contains(kind)) {
                    throw RapportException.invalid("A queue item is routed to a queue, a user or a team, not a "
                            + kind + ".");
                }
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                EntityReference to = target(request);
                readable(context, request);
                Entity change = new Entity("queueitem", request.target().id());
                if (to.logicalName().equals("queue")) {
                    context.service().retrieve("queue", to.id(), ColumnSet.none());
                    change.set("queueid", to).set("workerid", null).set("enteredon", Instant.now(clock));
                } else {
                    change.set("workerid", to).set("workeridmodifiedon", Instant.now(clock));
                }
                context.service().update(change);
                return new ActionResponse(Map.of());
            }
        };
    }

    /** The bound queue item, read as the caller: an item of a private queue they are not a member of is denied. */
    private static void readable(PluginContext context, ActionRequest request) {
        context.service().retrieve("queueitem", request.target().id(), ColumnSet.none());
    }

    private static EntityReference target(ActionRequest request) {
        if (!(request.parameter(ServiceMessages.TARGET) instanceof EntityReference ref) || ref.id() == null) {
            throw RapportException.invalid("The parameter Target is required and must name a record.");
        }
        return ref;
    }

    private static Optional<Entity> item(PluginContext context, java.util.UUID queue, EntityReference record) {
        return context.service().retrieveMultiple(QueryExpression.from("queueitem").columns(ColumnSet.none())
                .where(Condition.eq("queueid", queue)).where(Condition.eq("objectid", record.id()))
                .where(Condition.eq("statecode", 0)).top(1).build()).entities().stream().findFirst();
    }

    /** A queue action bound to a queue or queue item; writing the bound record is what it needs by default. */
    private abstract static class QueueAction implements ActionHandler {
        private final ActionDefinition definition;
        private final String bound;

        QueueAction(ActionDefinition definition, String bound) {
            this.definition = definition;
            this.bound = bound;
        }

        @Override
        public ActionDefinition definition() {
            return definition;
        }

        @Override
        public void validate(ActionRequest request, PluginContext context) {
            if (request.target() == null || !bound.equals(request.target().logicalName())) {
                throw RapportException.invalid(definition.name() + " is bound to a " + bound + ".");
            }
        }

        @Override
        public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
            return List.of(AccessDemand.reference(request.target(), Privilege.WRITE));
        }
    }

    /** Small bound queue item actions without parameters. */
    private static final class ActionHandlerOn extends QueueAction {
        private final Privilege privilege;
        private final java.util.function.BiFunction<ActionRequest, PluginContext, Map<String, Object>> body;

        private ActionHandlerOn(ActionDefinition d, Privilege privilege,
                java.util.function.BiFunction<ActionRequest, PluginContext, Map<String, Object>> body) {
            super(d, "queueitem");
            this.privilege = privilege;
            this.body = body;
        }

        static ActionHandler item(ActionDefinition d, Privilege privilege,
                java.util.function.BiFunction<ActionRequest, PluginContext, Map<String, Object>> body) {
            return new ActionHandlerOn(d, privilege, body);
        }

        @Override
        public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
            return List.of(AccessDemand.reference(request.target(), privilege));
        }

        @Override
        public ActionResponse execute(ActionRequest request, PluginContext context) {
            return new ActionResponse(body.apply(request, context));
        }
    }
}
