/** The record store: SQL for the metadata-defined tables through jOOQ, and schema sync from metadata. */
package io.rapport.store;
