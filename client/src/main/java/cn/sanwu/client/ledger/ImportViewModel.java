package cn.sanwu.client.ledger;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.importing.CashJournalImporter;
import cn.sanwu.client.ledger.importing.ImportException;
import cn.sanwu.client.ledger.importing.ImportOptions;
import cn.sanwu.client.ledger.importing.ImportPreview;
import cn.sanwu.client.ledger.importing.ImportRow;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.validation.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Import of a cash journal from .xlsx or CSV into the ledger editor: read in the background with
 * progress and cancel, show every row with its problems, and change the ledger only when the
 * clerk confirms. UI thread only (the reading itself runs on the background runner).
 */
public final class ImportViewModel {

    private final CashJournalImporter importer;
    private final BackgroundRunner runner;
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty rowsRead = new SimpleIntegerProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty needsYear = new SimpleBooleanProperty(false);
    private final ObjectProperty<ImportPreview> preview = new SimpleObjectProperty<>();
    private final ObservableList<ImportRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private volatile AtomicBoolean cancel = new AtomicBoolean();
    private Path file;

    public ImportViewModel(CashJournalImporter importer, BackgroundRunner runner) {
        this.importer = importer;
        this.runner = runner;
    }

    /** Reads {@code path}; {@code year} completes 月/日 dates when the file states none (may be null). */
    public void load(Path path, Integer year) {
        this.file = path;
        AtomicBoolean myCancel = new AtomicBoolean();
        cancel = myCancel;
        busy.set(true);
        needsYear.set(false);
        preview.set(null);
        rows.clear();
        notes.clear();
        status.set(I18n.t("import.reading", path.getFileName()));
        ImportOptions options = ImportOptions.defaults().withDefaultYear(year);
        runner.run(() -> importer.preview(path, options, read -> {
            runner.onUiThread(() -> rowsRead.set(read));
            return !myCancel.get();
        }), this::show, this::fail);
    }

    public void cancel() {
        cancel.set(true);
    }

    private void show(ImportPreview p) {
        busy.set(false);
        preview.set(p);
        rows.setAll(p.rows());
        notes.setAll(p.fileWarnings());
        for (Problem problem : p.checkStatedTotals(cn.sanwu.model.finance.AccountingEntity.VILLAGE_COMMITTEE)) {
            notes.add(problem.messageZh());
        }
        status.set(I18n.t("import.summary", p.summary().validRows(), p.summary().errorRows(),
                MoneyFormat.display(p.summary().totalIncomeFen()), MoneyFormat.display(p.summary().totalExpenseFen())));
    }

    private void fail(Throwable t) {
        busy.set(false);
        if (t instanceof ImportException ie) {
            needsYear.set(ie.reason() == ImportException.Reason.YEAR_REQUIRED);
            status.set(ie.userMessage());
        } else {
            status.set(I18n.t("import.failed", String.valueOf(t.getMessage())));
        }
    }

    /** Rows that will be added on confirm. */
    public int importableRows() {
        return preview.get() == null ? 0 : preview.get().validEntries().size();
    }

    /**
     * Appends the valid rows to the ledger. The stated opening balance is taken only when the
     * ledger is still empty (otherwise the balance carried from last period stays).
     *
     * @return rows added
     */
    public int applyTo(LedgerEditorViewModel ledger) {
        ImportPreview p = preview.get();
        if (p == null) {
            return 0;
        }
        boolean empty = ledger.rows().stream().allMatch(LedgerRow::isBlank);
        if (empty) {
            ledger.rows().clear();
            if (p.statedOpeningBalanceFen() != null) {
                ledger.openingBalanceFenProperty().set(p.statedOpeningBalanceFen());
            }
        }
        List<cn.sanwu.model.finance.LedgerEntry> entries = p.validEntries();
        ledger.appendEntries(entries);
        return entries.size();
    }

    public Path file() {
        return file;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public IntegerProperty rowsReadProperty() {
        return rowsRead;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty needsYearProperty() {
        return needsYear;
    }

    public ObjectProperty<ImportPreview> previewProperty() {
        return preview;
    }

    public ObservableList<ImportRow> rows() {
        return rows;
    }

    public ObservableList<String> notes() {
        return notes;
    }
}
