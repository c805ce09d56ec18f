package io.rapport.pipeline.internal;

import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;

/**
 * One message of the pipeline, registered by its Dataverse name. A handler says how to start the message (what to
 * read, what plugins see); the {@link Operation} it returns says how to validate, which privileges are needed and
 * what the main operation does. The {@link StageRunner} runs the stages around it; a handler never calls plugins,
 * the access checker or audit.
 */
interface MessageHandler<Q extends OrganizationRequest<R>, R extends OrganizationResponse> {

    String messageName();

    /** The request type that selects this handler ({@code ActionRequest} handlers are selected by name). */
    Class<Q> requestType();

    /** False for plain reads: they join the caller's transaction when there is one and open none of their own. */
    default boolean transactional() {
        return true;
    }

    /** Reads what the message needs (the record before, ids by alternate key) and fills the plugin context. */
    Operation<R> start(Q request, Execution x);
}
