/**
 * Service: cases ({@code incident}) with their ticket numbers, subjects, parent and child cases and resolutions
 * ({@code CloseIncident}), contracts with allotments and their lines. Everything runs as plugins, actions and jobs
 * of the pipeline, so UI, Web API and import behave alike.
 */
package io.rapport.service;
