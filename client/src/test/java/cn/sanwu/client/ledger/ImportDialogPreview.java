package cn.sanwu.client.ledger;

import cn.sanwu.client.ledger.importing.CashJournalImporter;
import cn.sanwu.client.task.BackgroundRunner;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Opens the import dialog on a given file without the file chooser, for looking at it under Xvfb
 * (docs/screenshots). Not a test. Usage: ImportDialogPreview$Launcher FILE
 */
public final class ImportDialogPreview extends Application {

    @Override
    public void start(Stage stage) {
        Path file = Path.of(getParameters().getRaw().getFirst());
        ImportDialog.show(null, new ImportViewModel(new CashJournalImporter(), BackgroundRunner.direct()),
                new LedgerEditorViewModel(), file, 2026);
    }

    /** Separate launcher: a main class that extends Application is refused on the class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(ImportDialogPreview.class, args);
        }
    }
}
