/**
 * Sales: account and contact rules (hierarchy, primary contact, rollups), leads and their qualification,
 * opportunities won and lost, connections with reciprocal roles, and duplicate detection rules. Everything runs
 * as plugins and actions of the pipeline, so UI, Web API and import behave alike.
 */
package io.rapport.sales;
