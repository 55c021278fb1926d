package cn.sanwu.client.notice;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.recipients.RecipientEditorViewModel;
import cn.sanwu.client.recipients.RecipientRow;
import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.Debounce;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.ContentKind;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.validation.Problem;
import cn.sanwu.model.validation.Validation;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Editing one notice: title, body and — by the item's content kind — a cash journal or a
 * recipient list. Every change marks the editor dirty and asks the {@link Debounce} for an
 * autosave; {@link #flush()} saves at once (window closing). Saves are local and short, so they
 * run on the calling (UI) thread and the clerk sees 已保存 only once the data is on disk.
 * Confined to the UI thread.
 */
public final class NoticeEditorViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final NoticeService service;
    private final CatalogItem item;
    private final Debounce autosave;
    private final Clock clock;
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper saveState = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reviewText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSignOff = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSubmit = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canCorrect = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final LedgerEditorViewModel ledger;
    private final RecipientEditorViewModel recipients;
    private Consumer<Notice> onSaved = n -> { };
    private Notice current;
    private boolean loading;

    public NoticeEditorViewModel(NoticeService service, CatalogItem item, Notice notice, Debounce autosave, Clock clock) {
        this.service = service;
        this.item = item;
        this.autosave = autosave;
        this.clock = clock;
        this.current = notice;
        this.ledger = item.contentKind() == ContentKind.CASH_JOURNAL ? new LedgerEditorViewModel() : null;
        this.recipients = item.contentKind() == ContentKind.RECIPIENT_LIST ? new RecipientEditorViewModel() : null;
        load(notice);
        refreshReview();
        title.addListener((o, a, b) -> changed());
        body.addListener((o, a, b) -> changed());
        if (ledger != null) {
            ledger.rows().addListener((javafx.collections.ListChangeListener<LedgerRow>) c -> changed());
            ledger.openingBalanceTextProperty().addListener((o, a, b) -> changed());
            ledger.entityProperty().addListener((o, a, b) -> {
                carryOpeningBalanceOnEntitySwitch(a, b);
                changed();
            });
        }
        if (recipients != null) {
            recipients.rows().addListener((javafx.collections.ListChangeListener<RecipientRow>) c -> changed());
            recipients.programmeProperty().addListener((o, a, b) -> changed());
        }
        validate();
    }

    private void load(Notice n) {
        loading = true;
        try {
            NoticeContent c = n.content();
            title.set(c.title());
            body.set(c.body());
            readOnly.set(!n.status().isEditable());
            if (ledger != null) {
                ledger.setDefaultYear(c.period().start().getYear());
                if (c.journal() != null) {
                    ledger.load(c.journal());
                } else {
                    ledger.openingBalanceFenProperty().set(carriedOpening(AccountingEntity.VILLAGE_COMMITTEE));
                }
            }
            if (recipients != null && c.recipients() != null) {
                recipients.load(c.recipients());
            }
            if (n.revision() > 0) {
                service.scratchFor(n.id(), n.revision()).ifPresent(this::restoreScratch);
                saveState.set(I18n.t("editor.savedRevision", n.revision()));
            } else {
                saveState.set(I18n.t("editor.new"));
            }
        } finally {
            loading = false;
        }
    }

    /** The closing balance of the same entity's journal in the previous period (0 if none). */
    private long carriedOpening(AccountingEntity entity) {
        NoticeContent c = current.content();
        return service.previousJournal(c.villageCode(), c.itemCode(), entity, c.period())
                .map(CashJournal::closingBalanceFen).orElse(0L);
    }

    /**
     * Each accounting entity (村委会, 股份经济合作社) keeps its own books: switching the entity carries
     * that entity's balance forward — unless the clerk typed an opening balance of their own.
     */
    private void carryOpeningBalanceOnEntitySwitch(AccountingEntity from, AccountingEntity to) {
        if (loading || readOnly.get() || from == null || to == null || from == to) {
            return;
        }
        if (ledger.openingBalanceProblemProperty().get().isEmpty()
                && ledger.openingBalanceFenProperty().get() == carriedOpening(from)) {
            ledger.openingBalanceFenProperty().set(carriedOpening(to));
        }
    }

    private void changed() {
        if (loading || readOnly.get()) {
            return;
        }
        dirty.set(true);
        saveState.set(I18n.t("editor.dirty"));
        validate();
        autosave.request(this::saveQuietly);
    }

    /** Saves now if there is anything to save. Returns false (and says why) when the save failed. */
    public boolean flush() {
        autosave.cancel();
        if (!dirty.get()) {
            return true;
        }
        return save();
    }

    private void saveQuietly() {
        save();
    }

    /** Saves what is on screen. On failure nothing changes and {@link #saveStateProperty()} says why. */
    public boolean save() {
        if (readOnly.get()) {
            return false;
        }
        NoticeContent c = current.content();
        NoticeContent content = new NoticeContent(c.villageCode(), c.itemCode(), c.period(), title.get(), body.get(),
                c.tables(), ledger == null ? null : ledger.toJournal(), recipients == null ? null : recipients.toList());
        try {
            current = service.save(current.withContent(content), scratchJson());
            dirty.set(false);
            refreshReview();
            saveState.set(I18n.t("editor.savedAt",
                    LocalTime.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).format(TIME), current.revision()));
            onSaved.accept(current);
            return true;
        } catch (NotConfirmedOnDiskException e) {
            // Committed at a new revision but not confirmed on disk: continue from that revision and
            // stay dirty, so the next save (autosave or close) writes it again and forces it out.
            current = e.saved();
            saveState.set(I18n.t("editor.notSaved", e.userMessage()));
            return false;
        } catch (StoreException e) {
            saveState.set(I18n.t("editor.notSaved", e.userMessage()));
            return false;
        }
    }

    /**
     * 村务监督委员会 sign-off of what is on screen (saved first): {@code supervisor} is the committee
     * member's name as they sign. False (and the save state says why) when refused.
     */
    public boolean signOff(String supervisor, String opinion) {
        if (!flush()) {
            return false;
        }
        try {
            current = service.signOff(current, supervisor, opinion);
            refreshReview();
            saveState.set(I18n.t("review.signedOff", current.revision()));
            onSaved.accept(current);
            return true;
        } catch (StoreException e) {
            saveState.set(I18n.t("editor.notSaved", e.userMessage()));
            return false;
        }
    }

    /**
     * 更正: opens the published notice (or accepted filing) for editing as a correction with the
     * public {@code reason}. Bad input (blank, over 2,000 characters) changes nothing and returns
     * the message to show; empty when the correction started.
     */
    public java.util.Optional<String> correct(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            return java.util.Optional.of(I18n.t("review.correctionReasonRequired"));
        }
        if (text.length() > NoticeService.MAX_REASON) {
            return java.util.Optional.of(I18n.t("review.correctionReasonTooLong", NoticeService.MAX_REASON, text.length()));
        }
        try {
            current = service.startCorrection(current, text);
        } catch (StoreException e) {
            return java.util.Optional.of(e.userMessage());
        }
        refreshReview();
        saveState.set(I18n.t("review.correctionStarted"));
        onSaved.accept(current);
        return java.util.Optional.empty();
    }

    /** Submits the signed-off notice to the township; it travels with the next sync. */
    public boolean submit() {
        try {
            current = service.submit(current);
            refreshReview();
            saveState.set(I18n.t("review.submitted"));
            onSaved.accept(current);
            return true;
        } catch (StoreException e) {
            saveState.set(I18n.t("editor.notSaved", e.userMessage()));
            return false;
        }
    }

    /** Status line, the township's comment or 公开编号, and which review buttons apply. */
    private void refreshReview() {
        cn.sanwu.client.review.ReviewInfo info = service.reviewInfo(current.id());
        NoticeStatus s = current.status();
        statusText.set(I18n.t("editor.status", s.nameZh()));
        List<String> lines = new ArrayList<>();
        if (s == NoticeStatus.RETURNED && !info.returnComment().isEmpty()) {
            lines.add(I18n.t("review.returnedComment", info.returnComment()));
        }
        String hash = cn.sanwu.model.hash.NoticeHasher.sha256().hash(current.id(), current.content()).toString();
        info.signOffFor(hash).filter(x -> s == NoticeStatus.SIGNED_OFF || s == NoticeStatus.SUBMITTED)
                .ifPresent(so -> lines.add(I18n.t("review.signOffLine", so.path("name").asText(), so.path("opinion").asText())));
        if (!info.approvalDate().isEmpty() && (s == NoticeStatus.APPROVED || s == NoticeStatus.PUBLISHED
                || s == NoticeStatus.NOT_DISCLOSED_FILED)) {
            lines.add(I18n.t("review.approvedLine", info.approvalDate(), info.approvedBy()));
        }
        if (!info.publicationNumber().isEmpty()) {
            lines.add(I18n.t("review.numberLine", info.publicationNumber()));
        }
        if (s == NoticeStatus.WITHDRAWN) {
            lines.add(I18n.t("review.withdrawnLine", current.reason()));
        }
        if (s == NoticeStatus.NOT_DISCLOSED_FILED || info.extras().path("filing").asBoolean()) {
            lines.add(I18n.t("review.filingReasonLine", current.reason()));
        }
        if (info.filingAccepted()) {
            lines.add(I18n.t("review.filingAccepted", info.approvalDate()));
        }
        List<cn.sanwu.client.review.ReviewInfo.Publication> pubs = info.history();
        if (!info.correctionReason().isEmpty()) {
            lines.add(I18n.t("review.correcting", info.correctionReason()));
            pubs.stream().filter(p -> p.withdrawnAt().isEmpty()
                    && pubs.stream().noneMatch(o -> o.supersedes().equals(p.number()))).reduce((a, b) -> b)
                    .ifPresent(p -> lines.add(I18n.t("review.inForceUntilCorrected", p.number())));
        }
        reviewText.set(String.join("　", lines));
        history.setAll(historyLines(pubs));
        boolean lockedFiling = info.filingAccepted() && info.correctionReason().isEmpty();
        readOnly.set(!s.isEditable() || lockedFiling);
        canCorrect.set(s == NoticeStatus.PUBLISHED || lockedFiling);
        canSignOff.set((s == NoticeStatus.DRAFT || s == NoticeStatus.RETURNED || s == NoticeStatus.NOT_DISCLOSED_FILED)
                && !lockedFiling);
        canSubmit.set(s == NoticeStatus.SIGNED_OFF);
    }

    /** The publications of this notice, newest first: number, dates, correction reason, superseded or withdrawn. */
    static List<String> historyLines(List<cn.sanwu.client.review.ReviewInfo.Publication> pubs) {
        List<String> out = new ArrayList<>();
        for (cn.sanwu.client.review.ReviewInfo.Publication p : pubs.reversed()) {
            // The state first: the line is long and its end may be cut off on a small screen.
            String successor = pubs.stream().filter(o -> o.supersedes().equals(p.number())).map(
                    cn.sanwu.client.review.ReviewInfo.Publication::number).findFirst().orElse("");
            StringBuilder line = new StringBuilder();
            if (!p.withdrawnAt().isEmpty()) {
                line.append(I18n.t("review.historyWithdrawn", cn.sanwu.client.review.ReviewInfo.chinaDate(p.withdrawnAt()),
                        p.withdrawnReason()));
            } else if (!successor.isEmpty()) {
                line.append(I18n.t("review.historySuperseded", successor));
            } else {
                line.append(I18n.t("review.historyInForce"));
            }
            line.append(I18n.t("review.historyEntry", p.number(), cn.sanwu.client.review.ReviewInfo.chinaDate(p.publishedAt()),
                    p.postingFrom(), p.postingTo()));
            if (!p.correctionReason().isEmpty()) {
                line.append(I18n.t("review.historyCorrection", p.correctionReason()));
            }
            out.add(line.toString());
        }
        return out;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyBooleanProperty canCorrectProperty() {
        return canCorrect.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reviewTextProperty() {
        return reviewText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSignOffProperty() {
        return canSignOff.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    private void validate() {
        NoticeContent c = current.content();
        NoticeContent content = new NoticeContent(c.villageCode(), c.itemCode(), c.period(), title.get(), body.get(),
                c.tables(), ledger == null ? null : ledger.toJournal(), recipients == null ? null : recipients.toList());
        List<String> messages = new ArrayList<>();
        for (Problem p : Validation.notice(content, item)) {
            messages.add(p.messageZh());
        }
        if (ledger != null && !ledger.openingBalanceProblemProperty().get().isEmpty()) {
            messages.add(I18n.t("editor.openingBalanceBad", ledger.openingBalanceProblemProperty().get()));
        }
        if (ledger != null && ledger.rowsWithProblems() > 0) {
            messages.add(I18n.t("editor.ledgerRowsBad", ledger.rowsWithProblems()));
        }
        if (recipients != null && recipients.rowsWithProblems() > 0) {
            messages.add(I18n.t("editor.recipientRowsBad", recipients.rowsWithProblems()));
        }
        problems.setAll(messages);
    }

    private String scratchJson() {
        if (ledger == null && recipients == null) {
            return null;
        }
        List<List<String>> raw = new ArrayList<>();
        if (ledger != null) {
            for (LedgerRow r : ledger.rows()) {
                raw.add(List.of(r.date.get(), r.voucherNo.get(), r.summary.get(), r.income.get(), r.expense.get()));
            }
        } else {
            for (RecipientRow r : recipients.rows()) {
                raw.add(List.of(r.name.get(), r.group.get(), r.population.get(), r.amount.get(), r.idNumber.get()));
            }
        }
        Map<String, Object> scratch = new java.util.LinkedHashMap<>();
        scratch.put("rows", raw);
        if (ledger != null) {
            // Typed text, so an opening balance that does not parse yet survives a restart too.
            scratch.put("opening", ledger.openingBalanceTextProperty().get());
        }
        try {
            return JsonMapping.mapper().writeValueAsString(scratch);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void restoreScratch(String json) {
        try {
            ScratchCopy m = JsonMapping.mapper().readValue(json, ScratchCopy.class);
            List<List<String>> raw = m.rows() == null ? List.of() : m.rows();
            if (ledger != null) {
                if (m.opening() != null) {
                    ledger.openingBalanceTextProperty().set(m.opening());
                }
                ledger.rows().setAll(raw.stream().map(cells -> {
                    LedgerRow r = new LedgerRow();
                    for (int i = 0; i < Math.min(cells.size(), LedgerRow.EDITABLE_COLUMNS); i++) {
                        r.cell(i).set(cells.get(i));
                    }
                    return r;
                }).toList());
            } else if (recipients != null) {
                recipients.rows().setAll(raw.stream().map(cells -> {
                    RecipientRow r = new RecipientRow();
                    for (int i = 0; i < Math.min(cells.size(), 5); i++) {
                        r.cell(i).set(cells.get(i));
                    }
                    return r;
                }).toList());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Scratch is a convenience copy; the notice content itself is intact and already loaded.
            saveState.set(I18n.t("editor.scratchUnreadable"));
        }
    }

    /** The editor's raw rows (and typed opening balance) kept with each revision. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ScratchCopy(List<List<String>> rows, String opening) {
    }

    public void setOnSaved(Consumer<Notice> onSaved) {
        this.onSaved = onSaved;
    }

    public CatalogItem item() {
        return item;
    }

    public Notice current() {
        return current;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public ReadOnlyStringProperty saveStateProperty() {
        return saveState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    /** Null unless the item's content is a cash journal. */
    public LedgerEditorViewModel ledger() {
        return ledger;
    }

    /** Null unless the item's content is a recipient list. */
    public RecipientEditorViewModel recipients() {
        return recipients;
    }
}
