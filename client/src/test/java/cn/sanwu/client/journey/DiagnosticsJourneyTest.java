package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.support.SupportMenuAccess;
import cn.sanwu.client.task.BackgroundRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 帮助 → 导出诊断信息…: the menu is in the top bar with the version, and exporting from the window
 * writes the zip and says where (headless JavaFX, real H2 file). The save dialog itself is the
 * operating system's and is not shown by the headless platform; the test starts after it.
 */
class DiagnosticsJourneyTest extends FxRobot {

    @TempDir
    Path dir;
    private AppContext ctx;

    @BeforeEach
    void start() throws Exception {
        ctx = new AppContext(dir.resolve("pc"), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        FxToolkit.registerPrimaryStage();
        Journeys.showMainWindow(ctx, 1100);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
    }

    @Test
    void helpMenuExportsTheDiagnosticsZipAndSaysWhere() {
        MenuButton menu = lookup("#supportMenu").queryAs(MenuButton.class);
        assertThat(menu.getText()).isEqualTo("帮助");
        assertThat(menu.getItems()).extracting(MenuItem::getText).first().isEqualTo("导出诊断信息…");
        assertThat(menu.getItems().get(1).getText()).isEqualTo("导出日志检查点…");
        assertThat(menu.getItems().get(2).getText()).startsWith("版本 ");
        clickOn("#supportMenu");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.saveIfAsked(this, menu.getScene(), "help-menu.png");
        Window popup = Window.getWindows().stream().filter(w -> w instanceof javafx.scene.control.ContextMenu).findFirst().orElseThrow();
        assertThat(popup.isShowing()).isTrue();
        Screenshots.saveIfAsked(this, popup.getScene(), "help-menu-items.png");
        type(javafx.scene.input.KeyCode.ESCAPE);

        Path zip = dir.resolve("out").resolve("diag.zip");
        interact(() -> SupportMenuAccess.exportTo(ctx, BackgroundRunner.direct(), zip, e -> { throw new AssertionError(e); }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(zip).isRegularFile();
        assertThat(dialogText("诊断信息已保存到")).contains(zip.toAbsolutePath().toString()).contains("没有公告内容和个人信息");
        assertThat(zip.toFile().length()).isPositive();
        assertThat(Files.exists(zip.resolveSibling("diag.zip.part"))).isFalse();
    }

    /** A PC that never checked the log has no checkpoint: it says so and writes nothing. */
    @Test
    void checkpointExportBeforeAnySyncSaysWhyAndWritesNothing() {
        Path file = dir.resolve("out").resolve("checkpoint.txt");
        interact(() -> SupportMenuAccess.exportCheckpointTo(ctx, BackgroundRunner.direct(), file, e -> {
            throw new AssertionError(e);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogText("本机还没有日志检查点")).contains("同步一次后再导出");
        assertThat(file).doesNotExist();
    }

    private static String dialogText(String containing) {
        return Window.getWindows().stream().filter(w -> w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".content").stream())
                .filter(n -> n instanceof javafx.scene.control.Label).map(n -> ((javafx.scene.control.Label) n).getText())
                .filter(t -> t != null && t.contains(containing)).findFirst().orElse("");
    }
}
