package io.rapport.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a run pin the random seed and the number of tries of every property without editing code:
 * {@code -Drapport.fuzz.seed=42} replays the inputs of a reported failure (jqwik prints the seed of each failing
 * property), {@code -Drapport.fuzz.tries=1000} runs a longer campaign than CI's default.
 */
public final class FuzzSeed implements AroundPropertyHook {

    /** The seed of CI runs. */
    static final String CI_SEED = "20261201";

    /**
     * Registered on a test class, the hook must reach the class's properties: without this jqwik applies it to the
     * class alone, and neither the seed nor the tries were ever set (CI's fuzz runs were random until 3 December 2026).
     */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("rapport.fuzz.seed");
        if ((seed == null || seed.isBlank()) && "true".equalsIgnoreCase(System.getenv("CI"))) {
            seed = CI_SEED;
        }
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        String tries = System.getProperty("rapport.fuzz.tries");
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.trim()));
        }
        return property.execute();
    }
}
