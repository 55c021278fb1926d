package cn.sanwu.server.review;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * {@code -Dseed=} replays a run, {@code -Dsanwu.review.tries=N} runs N histories instead of 2,000
 * (200 on PostgreSQL unless set).
 */
public final class ReviewPropertySettings implements AroundPropertyHook {

    static final int POSTGRES_TRIES = 200;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        Integer tries = Integer.getInteger("sanwu.review.tries");
        if (tries != null) {
            context.attributes().setTries(tries);
        } else if (cn.sanwu.server.testing.TestDatabases.onPostgres()) {
            // CI's second pass on PostgreSQL (durable commits, several per step): a smaller share,
            // the rules are the same code; H2 runs the full 2,000.
            context.attributes().setTries(POSTGRES_TRIES);
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
