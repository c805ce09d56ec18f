package io.rapport.pipeline;

import java.util.Collection;
import java.util.Optional;

/** The actions and functions the pipeline can run, for the Web API to route and describe. */
public interface ActionCatalog {

    Collection<ActionDefinition> definitions();

    Optional<ActionDefinition> find(String name);
}
