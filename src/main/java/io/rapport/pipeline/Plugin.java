package io.rapport.pipeline;

/**
 * Business logic that runs inside the pipeline for the messages it is registered for with {@link PluginStep}.
 * To reject an operation, throw a {@code RapportException}; the whole transaction rolls back.
 */
@FunctionalInterface
public interface Plugin {

    void execute(PluginContext context);
}
