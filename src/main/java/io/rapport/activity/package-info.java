/**
 * Activities: email, phone call, task, appointment (and any entity marked as an activity) sharing one
 * {@code activitypointer} row kept in sync by plugins, their parties, notes with safe attachments, and the
 * timeline of a record's activities and notes.
 */
package io.rapport.activity;
