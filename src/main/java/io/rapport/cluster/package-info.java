/**
 * Signals between the nodes of a cluster: a module that changes something other nodes cache publishes a topic, and
 * every other node's subscribers hear of it within milliseconds after the change commits (PostgreSQL
 * {@code LISTEN/NOTIFY} on a dedicated connection). On H2, and while that connection is down, nothing is heard:
 * subscribers keep their own poll of a version row as the fallback, so a signal only ever shortens a wait.
 */
package io.rapport.cluster;
