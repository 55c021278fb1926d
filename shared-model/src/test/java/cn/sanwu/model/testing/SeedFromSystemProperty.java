package cn.sanwu.model.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets every property replay a reported seed with {@code mvn test -Dseed=...} (QUALITY.md asks
 * that randomised tests accept their seed). jqwik prints the seed of every falsified property;
 * without {@code -Dseed} each run draws a fresh random seed.
 */
public final class SeedFromSystemProperty implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        return property.execute();
    }

    /** Registered on a test class, it must reach the properties inside it. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // Outside jqwik's own defaults hook so the seed is set before the generator starts.
        return -100;
    }
}
