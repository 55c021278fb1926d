package cn.sanwu.client.print;

import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Opens the print preview on the 140-line sample ledger, for looking at it under Xvfb
 * (docs/screenshots). Not a test. Usage: PrintPreviewLook$Launcher
 */
public final class PrintPreviewLook extends Application {

    @Override
    public void start(Stage stage) {
        cn.sanwu.client.ui.AppFonts.loadForScreen();
        Notice n = SheetFixtures.notice("F02", SheetFixtures.Q3, "红旗村2026年第三季度财务收支明细",
                "现将本村2026年第三季度财务收支情况公布如下。", SheetFixtures.journal(140, 7), null, NoticeStatus.DRAFT);
        PrintPreviewViewModel vm = new PrintPreviewViewModel(o -> SheetPdfWriter.write(SheetFixtures.sheet(n, o), o),
                BackgroundRunner.direct(), SheetFixtures.PRINT_DATE, "https://gk.example.gov.cn", "李会计");
        Stage preview = PrintPreviewDialog.open(null, vm, "sample");
        preview.getScene().getStylesheets().add(
                cn.sanwu.client.app.AppWindow.class.getResource("/cn/sanwu/client/app/sanwu.css").toExternalForm());
        preview.setWidth(1100);
        preview.setHeight(800);
    }

    /** Separate launcher: a main class that extends Application is refused on the class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(PrintPreviewLook.class, args);
        }
    }
}
