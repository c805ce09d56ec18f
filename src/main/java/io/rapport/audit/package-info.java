/** Attribute-level change history, written by the pipeline inside each change's transaction. */
package io.rapport.audit;
