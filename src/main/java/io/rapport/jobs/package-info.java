/**
 * Background jobs: one-off jobs (run once per scheduled instance, retried with backoff) and recurring jobs, kept in
 * the database and run by exactly one node of a cluster (db-scheduler). A module declares a job as a bean
 * implementing {@link io.rapport.jobs.OneOffJob} or {@link io.rapport.jobs.RecurringJob} and schedules one-off runs
 * through {@link io.rapport.jobs.JobScheduler}.
 */
package io.rapport.jobs;
