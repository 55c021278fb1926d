package cn.sanwu.client.sync.simulation;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Command-line control of the simulation property: {@code -Dseed=<seed jqwik printed>} replays a
 * run (same histories, same shrinking), {@code -Dsanwu.sim.tries=N} runs N histories instead of the
 * CI default. Applied before jqwik's own defaults so the seed reaches the generator.
 */
public final class SimulationSettings implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        Integer tries = Integer.getInteger("sanwu.sim.tries");
        if (tries != null) {
            context.attributes().setTries(tries);
        }
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
