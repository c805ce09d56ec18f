package io.rapport.pipeline;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a {@link Plugin} bean for messages of an entity at a stage. {@code entity} "*" (or empty) means any
 * entity, a message "*" any message. Steps of one stage run by ascending {@code order}. A post-operation step may
 * run {@link ExecutionMode#ASYNCHRONOUS asynchronously}, after the message commits.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(PluginStep.List.class)
public @interface PluginStep {

    String[] messages();

    String entity() default "*";

    Stage stage();

    int order() default 100;

    /** Asynchronous steps must be post-operation steps. */
    ExecutionMode mode() default ExecutionMode.SYNCHRONOUS;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        PluginStep[] value();
    }
}
