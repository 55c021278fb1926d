package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.checklist.ChecklistEntry;
import cn.sanwu.client.checklist.ChecklistView;
import cn.sanwu.client.checklist.ChecklistViewModel;
import cn.sanwu.client.conflict.ConflictView;
import cn.sanwu.client.conflict.ConflictViewModel;
import cn.sanwu.client.enroll.EnrollmentDialog;
import cn.sanwu.client.enroll.EnrollmentViewModel;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.notice.NoticeEditorView;
import cn.sanwu.client.notice.NoticeEditorViewModel;
import cn.sanwu.client.notice.NoticeTemplates;
import cn.sanwu.client.notice.NewNoticeDialog;
import cn.sanwu.client.notice.NewNoticeViewModel;
import cn.sanwu.client.print.ExportCommand;
import cn.sanwu.client.refused.RefusedView;
import cn.sanwu.client.refused.RefusedViewModel;
import cn.sanwu.client.print.PrintPreviewDialog;
import cn.sanwu.client.print.PrintPreviewViewModel;
import cn.sanwu.client.print.SheetOptions;
import cn.sanwu.client.print.SheetPdfWriter;
import cn.sanwu.client.search.SearchView;
import cn.sanwu.client.sync.BackgroundSync;
import cn.sanwu.client.search.SearchViewModel;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.task.FxDebounce;
import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The main window's content: home checklist, search, and one tab per open notice; a status bar
 * that always says whether work is waiting to be uploaded. Closing a notice tab or the window
 * saves what was typed first.
 */
public final class MainWindow extends BorderPane {

    private final AppContext ctx;
    private final VillageProfile village;
    private final BackgroundRunner runner;
    private final Consumer<LedgerEditorViewModel> onImport;
    private final TabPane tabs = new TabPane();
    private final Map<UUID, Tab> openEditors = new HashMap<>();
    private final ChecklistViewModel checklist;
    private final StatusBarViewModel status;
    private BackgroundSync backgroundSync;

    public MainWindow(AppContext ctx, VillageProfile village, BackgroundRunner runner, Consumer<LedgerEditorViewModel> onImport) {
        this.ctx = ctx;
        this.village = village;
        this.runner = runner;
        this.onImport = onImport;
        setId("mainWindow");
        checklist = new ChecklistViewModel(ctx.checklist(), runner, village.code(), village.level());
        // Times on screen are China time, like the checklist's "today", whatever the PC clock's zone.
        status = new StatusBarViewModel(ctx.sync()::status, runner, cn.sanwu.client.checklist.ChecklistService.CHINA);

        Tab home = new Tab(I18n.t("tab.home"), new ChecklistView(checklist, this::openEntry, this::fileNotDisclosed));
        home.setId("homeTab");
        home.setClosable(false);
        SearchViewModel searchVm = new SearchViewModel(ctx.notices(), runner, new FxDebounce(Duration.millis(250)), village.code());
        Tab search = new Tab(I18n.t("tab.search"));
        search.setId("searchTab");
        search.setClosable(false);
        search.setOnSelectionChanged(e -> {
            if (search.isSelected()) {
                // Built on first use: every node less at start-up shortens the cold start.
                if (search.getContent() == null) {
                    search.setContent(new SearchView(searchVm, ctx.catalog(), s -> openNotice(s.id())));
                }
                ((SearchView) search.getContent()).focusSearchField();
                searchVm.search();
            }
        });
        home.setOnSelectionChanged(e -> {
            if (home.isSelected()) {
                checklist.refresh();
            }
        });
        tabs.getTabs().addAll(home, search);
        setCenter(tabs);

        Label title = new Label(I18n.t("app.title") + "　" + village.fullName());
        title.getStyleClass().add("app-title");
        Label sync = new Label();
        sync.setId("syncStatus");
        sync.textProperty().bind(status.syncTextProperty());
        // The conflict count is a link: conflicts wait for a person, so the way to them is one click.
        javafx.scene.control.Hyperlink conflicts = new javafx.scene.control.Hyperlink();
        conflicts.setId("conflictLink");
        conflicts.textProperty().bind(status.conflictTextProperty());
        conflicts.visibleProperty().bind(status.conflictCountProperty().greaterThan(0));
        conflicts.managedProperty().bind(conflicts.visibleProperty());
        conflicts.setOnAction(e -> openConflicts());
        javafx.scene.control.Hyperlink refusedLink = new javafx.scene.control.Hyperlink();
        refusedLink.setId("refusedLink");
        refusedLink.textProperty().bind(status.refusedTextProperty());
        refusedLink.visibleProperty().bind(status.refusedCountProperty().greaterThan(0));
        refusedLink.managedProperty().bind(refusedLink.visibleProperty());
        refusedLink.setOnAction(e -> openRefused());
        Label dataDir = new Label(I18n.t("status.dataDir", ctx.dataDir()));
        dataDir.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label syncMessage = new Label();
        syncMessage.setId("syncMessage");
        syncMessage.getStyleClass().add("hint");
        javafx.scene.control.Button syncNow = new javafx.scene.control.Button(I18n.t("sync.now"));
        syncNow.setId("syncNow");
        javafx.scene.control.Hyperlink enrollLink = new javafx.scene.control.Hyperlink(I18n.t("sync.enrollLink"));
        enrollLink.setId("enrollLink");
        enrollLink.setVisible(!ctx.syncService().enrolled());
        enrollLink.managedProperty().bind(enrollLink.visibleProperty());
        enrollLink.setOnAction(e -> openEnrollment(enrollLink));
        backgroundSync = new BackgroundSync(ctx.syncService(), runner, ctx.clock()::instant, () -> {
            // What is typed goes into the store first: a pull then never meets unsaved typing.
            flushAll();
            status.refresh();
        }, result -> {
            syncMessage.setText(result.message());
            status.refresh();
            checklist.refresh();
            reloadEditorsOf(result.updatedNotices(), syncMessage);
            // Enrolled meanwhile (the demo enrolls itself in the background): the link goes away.
            enrollLink.setVisible(!ctx.syncService().enrolled());
        });
        syncNow.setOnAction(e -> {
            if (!ctx.syncService().enrolled()) {
                syncMessage.setText(I18n.t("sync.notEnrolled"));
                openEnrollment(enrollLink);
                return;
            }
            flushAll();
            backgroundSync.syncNow();
        });
        // A long message (the transparency log warning) is cut with "…" and shown whole on hover;
        // it never squeezes the status or the 立即同步 button. A warning is in the overdue red.
        sync.setMinWidth(Region.USE_PREF_SIZE);
        syncNow.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.control.Tooltip fullMessage = new javafx.scene.control.Tooltip();
        fullMessage.textProperty().bind(syncMessage.textProperty());
        fullMessage.setWrapText(true);
        fullMessage.setMaxWidth(480);
        syncMessage.setTooltip(fullMessage);
        syncMessage.textProperty().addListener((o, was, text) -> {
            boolean warning = text != null && text.startsWith("⚠");
            syncMessage.getStyleClass().removeAll("hint", "state-overdue");
            syncMessage.getStyleClass().add(warning ? "state-overdue" : "hint");
        });
        HBox statusBar = new HBox(12, sync, conflicts, refusedLink, syncNow, enrollLink, syncMessage, spacer, dataDir);
        statusBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        javafx.scene.control.Button newNotice = new javafx.scene.control.Button(I18n.t("newNotice.button"));
        newNotice.setId("newNotice");
        newNotice.setOnAction(e -> newNotice());
        Region topSpacer = new Region();
        HBox.setHgrow(topSpacer, Priority.ALWAYS);
        javafx.scene.control.Button printBoard = new javafx.scene.control.Button(I18n.t("print.board"));
        printBoard.setId("printBoard");
        printBoard.setOnAction(e -> printWholeBoard());
        javafx.scene.control.Button township = new javafx.scene.control.Button(I18n.t("township.open"));
        township.setId("townshipReviewButton");
        township.setOnAction(e -> cn.sanwu.client.review.TownshipReviewWindow.askLogin(getScene().getWindow(),
                ctx.syncService().serverUrl().orElse("")).ifPresent(login -> cn.sanwu.client.review.TownshipReviewWindow.open(
                        login, runner, ctx.clock(), ctx.catalog(), syncMessage::setText, stage -> { })));
        javafx.scene.control.Button tickets = new javafx.scene.control.Button(I18n.t("tickets.open"));
        tickets.setId("ticketsButton");
        tickets.setOnAction(e -> cn.sanwu.client.ticket.TicketWindow.askLogin(getScene().getWindow(),
                ctx.syncService().serverUrl().orElse("")).ifPresent(login -> cn.sanwu.client.ticket.TicketWindow.open(
                        login, ctx.database(), runner, ctx.clock(), syncMessage::setText, stage -> { })));
        HBox top = new HBox(10, title, topSpacer, tickets, township, printBoard, newNotice,
                cn.sanwu.client.support.SupportMenu.create(ctx, runner, this::error));
        top.setPadding(new Insets(6, 10, 6, 10));
        top.getStyleClass().add("top-bar");
        setTop(top);
        setBottom(statusBar);
        checklist.refresh();
        status.refresh();
        backgroundSync.start();
        // Text search over years of notices is instant only from memory; build it off the UI thread.
        runner.run(() -> {
            ctx.notices().loadSearchIndex();
            // Then the sheet fonts, so the first 打印预览 does not wait ~1 s for them.
            cn.sanwu.client.print.SheetFonts.warmUp();
            return null;
        }, done -> { }, this::error);
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.S,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::saveSelectedEditor);
            }
        });
    }

    /** Called once the home checklist has loaded for the first time. */
    public void setOnReady(Runnable action) {
        checklist.setOnFirstLoad(action);
    }

    private void saveSelectedEditor() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getContent() instanceof NoticeEditorView editor) {
            editor.save();
        }
    }

    private void openEntry(ChecklistEntry entry) {
        if (entry.noticeId() != null) {
            openNotice(entry.noticeId());
            return;
        }
        CatalogItem item = entry.item();
        Period period = entry.period() != null ? entry.period() : Period.containing(item.frequency(), ctx.checklist().today());
        // The checklist only learns of a new draft when it refreshes; until then, opening the same
        // entry again must bring back the draft already open, not start a second one.
        for (Tab open : openEditors.values()) {
            if (open.getContent() instanceof NoticeEditorView editor
                    && editor.viewModel().current().content().itemCode().equals(item.code())
                    && editor.viewModel().current().content().period().equals(period)) {
                tabs.getSelectionModel().select(open);
                return;
            }
        }
        openEditor(ctx.notices().newDraft(village.code(), item, period, NoticeTemplates.title(village, item, period),
                NoticeTemplates.body(village, item, period)));
    }

    private void newNotice() {
        var items = ctx.catalog().itemsFor(village.level());
        NewNoticeDialog.show(new NewNoticeViewModel(items, ctx.checklist().today()), items)
                .ifPresent(choice -> openEditor(ctx.notices().newDraft(village.code(), choice.item(), choice.period(),
                        NoticeTemplates.title(village, choice.item(), choice.period()),
                        NoticeTemplates.body(village, choice.item(), choice.period()))));
    }

    private void openNotice(UUID id) {
        Tab existing = openEditors.get(id);
        if (existing != null) {
            tabs.getSelectionModel().select(existing);
            return;
        }
        runner.run(() -> ctx.notices().find(id), found -> found.ifPresentOrElse(this::openEditor,
                () -> error(I18n.t("error.noticeMissing"))), this::error);
    }

    private void openEditor(Notice notice) {
        NoticeEditorView view = editorView(notice);
        if (view == null) {
            return;
        }
        Tab tab = new Tab(shortTitle(notice), view);
        tab.setOnCloseRequest(e -> {
            NoticeEditorView current = (NoticeEditorView) tab.getContent();
            if (!current.flush()) {
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                        I18n.t("editor.closeUnsaved", current.viewModel().saveStateProperty().get()), ButtonType.CANCEL, ButtonType.OK);
                if (alert.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                    e.consume();
                }
            }
        });
        tab.setOnClosed(e -> {
            openEditors.remove(notice.id());
            checklist.refresh();
        });
        openEditors.put(notice.id(), tab);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    /** The editor for a notice, or null (and the reason shown) when it cannot be edited here. */
    private NoticeEditorView editorView(Notice notice) {
        CatalogItem item = ctx.catalog().find(notice.content().itemCode()).orElse(null);
        if (item == null) {
            error(I18n.t("error.unknownItem", notice.content().itemCode()));
            return null;
        }
        NoticeEditorViewModel vm;
        try {
            vm = new NoticeEditorViewModel(ctx.notices(), item, notice, new FxDebounce(Duration.seconds(1.5)), ctx.clock());
        } catch (RuntimeException e) {
            // E.g. the previous period's journal cannot be read: say so instead of a silent dead click.
            error(e);
            return null;
        }
        vm.setOnSaved(saved -> status.refresh());
        NoticeEditorView view = new NoticeEditorView(vm, village.fullName(), onImport);
        view.setOnPrint(() -> openPrintPreview(view));
        return view;
    }

    /**
     * A sync wrote newer versions of these notices (only notices with nothing unsynced here are
     * written; open editors were saved before the sync). An editor open on one of them would only
     * meet an edit conflict on its next save: it is reloaded in place with the new version.
     */
    private void reloadEditorsOf(java.util.List<UUID> updated, javafx.scene.control.Label syncMessage) {
        for (UUID id : updated) {
            Tab tab = openEditors.get(id);
            if (tab == null || !(tab.getContent() instanceof NoticeEditorView old) || !old.flush()) {
                continue;
            }
            runner.run(() -> ctx.notices().find(id), found -> found.ifPresent(notice -> {
                NoticeEditorView view = editorView(notice);
                if (view != null && openEditors.get(id) == tab) {
                    tab.setContent(view);
                    tab.setText(shortTitle(notice));
                    syncMessage.setText(I18n.t("sync.editorReloaded", notice.content().title(), notice.revision()));
                }
            }), this::error);
        }
    }

    /** "Update the whole board": every notice of a period in one document, previewed first. */
    private void printWholeBoard() {
        if (!flushAll()) {
            error(I18n.t("print.saveFirst", ""));
            return;
        }
        Period suggested = cn.sanwu.model.period.Deadlines.latestEnded(cn.sanwu.model.catalog.Frequency.QUARTERLY,
                ctx.checklist().today());
        TextInputDialog ask = new TextInputDialog(suggested.code());
        ask.setTitle(I18n.t("print.board"));
        ask.setHeaderText(I18n.t("print.boardHeader"));
        ask.setContentText(I18n.t("print.boardPeriod"));
        ask.showAndWait().ifPresent(text -> {
            Period period;
            try {
                period = Period.parse(text.strip());
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return;
            }
            String baseUrl = ctx.settings().get(ExportCommand.BASE_URL_SETTING).orElse(SheetOptions.DEFAULT_BASE_URL);
            PrintPreviewViewModel preview = new PrintPreviewViewModel(options -> ctx.sheets().batch(village, period, options),
                    runner, ctx.checklist().today(), baseUrl, "");
            PrintPreviewDialog.open(getScene() == null ? null : getScene().getWindow(), preview,
                    village.name() + "_" + period.code() + "_全部公告");
        });
    }

    /** 登记到同步服务器; after success the first sync starts at once and the link goes away. */
    private void openEnrollment(javafx.scene.Node enrollLink) {
        String pcName = System.getenv().getOrDefault("COMPUTERNAME", I18n.t("enroll.defaultName"));
        EnrollmentViewModel vm = new EnrollmentViewModel(ctx.syncService(), runner, village.code(), pcName);
        vm.setOnEnrolled(() -> {
            enrollLink.setVisible(false);
            status.refresh();
            backgroundSync.syncNow();
        });
        EnrollmentDialog.create(getScene() == null ? null : getScene().getWindow(), vm).show();
    }

    /** The sync conflict screen, in its own tab (built on first use). */
    private void openConflicts() {
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() instanceof ConflictView) {
                tabs.getSelectionModel().select(t);
                ((ConflictView) t.getContent()).refresh();
                return;
            }
        }
        ConflictViewModel vm = new ConflictViewModel(ctx.conflicts(), runner, ctx.clock().getZone());
        vm.setBeforeDecision(this::saveAndCloseEditor);
        vm.setAfterDecision(n -> {
            status.refresh();
            checklist.refresh();
        });
        vm.setOpenEditor(this::openEditor);
        ConflictView view = new ConflictView(vm);
        Tab tab = new Tab(I18n.t("conflict.tab"), view);
        tab.setId("conflictsTab");
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        vm.refresh();
    }

    /** 被拒绝的修改, in its own tab (built on first use). */
    private void openRefused() {
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() instanceof RefusedView view) {
                tabs.getSelectionModel().select(t);
                view.refresh();
                return;
            }
        }
        RefusedViewModel vm = new RefusedViewModel(ctx.refused(), runner, cn.sanwu.client.checklist.ChecklistService.CHINA);
        vm.setOpenEditor(n -> openNotice(n.id()));
        vm.setAfterChange(status::refresh);
        RefusedView view = new RefusedView(vm);
        Tab tab = new Tab(I18n.t("refused.tab"), view);
        tab.setId("refusedTab");
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        vm.refresh();
    }

    /**
     * A decision rewrites the notice's revision; an editor left open on it would then only meet
     * edit conflicts. Its typing is saved first, so it is part of "mine".
     */
    private void saveAndCloseEditor(UUID noticeId) {
        Tab open = openEditors.remove(noticeId);
        if (open != null) {
            if (open.getContent() instanceof NoticeEditorView editor) {
                editor.flush();
            }
            tabs.getTabs().remove(open);
        }
    }

    /** Saves the editor first: what prints is what is stored (and hashed into the QR code). */
    private void openPrintPreview(NoticeEditorView view) {
        if (!view.flush()) {
            error(I18n.t("print.saveFirst", view.viewModel().saveStateProperty().get()));
            return;
        }
        Notice notice = view.viewModel().current();
        String baseUrl = ctx.settings().get(ExportCommand.BASE_URL_SETTING).orElse(SheetOptions.DEFAULT_BASE_URL);
        PrintPreviewViewModel preview = new PrintPreviewViewModel(
                options -> SheetPdfWriter.write(ctx.sheets().sheet(notice, village, options), options), runner,
                ctx.checklist().today(), baseUrl, "");
        String name = village.name() + "_" + notice.content().itemCode() + "_" + notice.content().period().code();
        PrintPreviewDialog.open(getScene() == null ? null : getScene().getWindow(), preview, name);
    }

    private String shortTitle(Notice n) {
        String name = ctx.catalog().find(n.content().itemCode()).map(CatalogItem::nameZh).orElse("");
        name = name.length() > 10 ? name.substring(0, 10) + "…" : name;
        return n.content().itemCode() + " " + name + " " + n.content().period().code();
    }

    private void fileNotDisclosed(ChecklistEntry entry) {
        if (entry.period() == null) {
            error(I18n.t("checklist.fileNeedsPeriod"));
            return;
        }
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(I18n.t("checklist.fileNotDisclosed"));
        dialog.setHeaderText(entry.item().nameZh() + "　" + entry.period().displayZh());
        dialog.setContentText(I18n.t("checklist.reason"));
        dialog.showAndWait().ifPresent(reason -> runner.run(
                () -> ctx.notices().fileNotDisclosed(village.code(), entry.item(), entry.period(), reason),
                saved -> {
                    checklist.refresh();
                    status.refresh();
                }, this::error));
    }

    /** Saves every open editor; false if any could not be saved (the caller asks the user). */
    public boolean flushAll() {
        boolean ok = true;
        for (Tab tab : tabs.getTabs()) {
            if (tab.getContent() instanceof NoticeEditorView editor) {
                ok &= editor.flush();
            }
        }
        return ok;
    }

    private void error(Throwable t) {
        error(t instanceof StoreException se ? se.userMessage() : I18n.t("error.unexpected", t.getMessage()));
    }

    private void error(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText(null);
        alert.showAndWait();
    }
}
