/**
 * Import and export of lists: CSV and Excel files mapped onto any entity and imported in the background through
 * the pipeline (so plugins, security and audit apply), with duplicate detection, progress, cancellation,
 * resumption after a restart and an error report; export of any query to CSV or Excel, streamed.
 */
package io.rapport.importing;
