package io.rapport.pipeline;

/** The privileges a security role grants per entity, as Dataverse's. */
public enum Privilege { CREATE, READ, WRITE, DELETE, APPEND, APPEND_TO, ASSIGN, SHARE }
