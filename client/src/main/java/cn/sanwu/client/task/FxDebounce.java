package cn.sanwu.client.task;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** {@link Debounce} on the JavaFX thread with a {@link PauseTransition}. Use from the FX thread only. */
public final class FxDebounce implements Debounce {

    private final PauseTransition pause;
    private Runnable action;

    public FxDebounce(Duration quietPeriod) {
        pause = new PauseTransition(quietPeriod);
        pause.setOnFinished(e -> {
            Runnable r = action;
            action = null;
            if (r != null) {
                r.run();
            }
        });
    }

    @Override
    public void request(Runnable newAction) {
        action = newAction;
        pause.playFromStart();
    }

    @Override
    public void cancel() {
        action = null;
        pause.stop();
    }
}
