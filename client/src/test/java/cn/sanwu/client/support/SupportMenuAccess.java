package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.task.BackgroundRunner;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Lets UI tests in other packages run the menu's export after the (native) save dialog. */
public final class SupportMenuAccess {

    private SupportMenuAccess() {
    }

    public static void exportTo(AppContext ctx, BackgroundRunner runner, Path target, Consumer<Throwable> onError) {
        SupportMenu.exportTo(ctx, runner, target, onError);
    }

    public static void exportCheckpointTo(AppContext ctx, BackgroundRunner runner, Path target, Consumer<Throwable> onError) {
        SupportMenu.exportCheckpointTo(ctx, runner, target, onError);
    }
}
