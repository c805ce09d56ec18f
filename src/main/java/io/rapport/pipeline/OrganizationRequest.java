package io.rapport.pipeline;

/**
 * A message to the pipeline, named as Dataverse names it (Create, Update, QualifyLead...).
 *
 * @param <R> the response type
 */
public interface OrganizationRequest<R extends OrganizationResponse> {

    String messageName();
}
