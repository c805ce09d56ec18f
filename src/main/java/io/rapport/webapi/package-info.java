/**
 * The Dataverse-compatible Web API at {@code /api/data/v9.2}: OData routing, JSON (de)serialization of records,
 * query options ($filter, $expand, $apply, FetchXML) translated into the query model, $batch, actions and
 * functions from the pipeline's catalog, $metadata and service protection. Everything runs through
 * {@code OrganizationService}; nothing here talks to the store.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web API")
package io.rapport.webapi;
