package io.rapport.query;

/** How a linked entity joins its parent. */
public enum JoinType { INNER, LEFT_OUTER }
