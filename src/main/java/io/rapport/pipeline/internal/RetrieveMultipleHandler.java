package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.Messages.RetrieveMultipleResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityCollection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * RetrieveMultiple: Read privilege on the root and every linked entity, no filtering on secured fields the caller
 * may not read, then one statement carrying the caller's row access; secured values removed, formatted values added
 * (unless the request asks for none).
 */
@Component
class RetrieveMultipleHandler implements MessageHandler<RetrieveMultipleRequest, RetrieveMultipleResponse> {

    private final RecordServices services;

    RetrieveMultipleHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.RETRIEVE_MULTIPLE;
    }

    @Override
    public Class<RetrieveMultipleRequest> requestType() {
        return RetrieveMultipleRequest.class;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Operation<RetrieveMultipleResponse> start(RetrieveMultipleRequest request, Execution x) {
        QueryExpression q = request.query();
        EntityMetadata e = x.snapshot().entity(q.entityName());
        PluginContext ctx = x.context(Messages.RETRIEVE_MULTIPLE, e.logicalName(), request);
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                services.access().checkSecrets(x, q.columns(), allLinks(q.links(), new ArrayList<>()));
                services.access().checkQueryFields(x, q);
            }

            @Override
            public List<AccessDemand> privileges() {
                List<AccessDemand> demands = new ArrayList<>();
                demands.add(AccessDemand.entity(e.logicalName(), Privilege.READ));
                linked(q.links(), demands);
                return demands;
            }

            @Override
            public RetrieveMultipleResponse execute() {
                EntityCollection result = services.store().retrieveMultiple(x.snapshot(), q, x.queryContext());
                services.access().removeUnreadable(x, q, result.entities());
                if (request.formattedValues()) {
                    services.formatted().apply(x, q, result.entities());
                }
                ctx.outputs().put("EntityCollection", result);
                return new RetrieveMultipleResponse(result);
            }
        };
    }

    private static List<LinkEntity> allLinks(List<LinkEntity> links, List<LinkEntity> out) {
        for (LinkEntity l : links) {
            out.add(l);
            allLinks(l.links(), out);
        }
        return out;
    }

    private static void linked(List<LinkEntity> links, List<AccessDemand> demands) {
        for (LinkEntity l : links) {
            demands.add(AccessDemand.entity(l.entityName(), Privilege.READ));
            linked(l.links(), demands);
        }
    }
}
