package io.rapport.pipeline;

/** Where a request came from; recorded in the audit history. */
public enum Channel { UI, API, IMPORT, SYSTEM }
