package io.rapport.pipeline;

/** The result of a message. */
public interface OrganizationResponse {
}
