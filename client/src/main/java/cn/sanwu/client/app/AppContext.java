package cn.sanwu.client.app;

import cn.sanwu.client.checklist.ChecklistService;
import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.BackupService;
import cn.sanwu.client.print.SheetExports;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.sync.BundleService;
import cn.sanwu.client.sync.ConflictService;
import cn.sanwu.client.sync.RefusedChangesService;
import cn.sanwu.client.sync.SyncEngine;
import cn.sanwu.client.sync.SyncService;
import cn.sanwu.client.village.VillageService;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.client.catalog.CatalogService;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.id.UuidV7;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root: storage → services, wired with constructors in one readable place
 * (AddressBook's MainApp.init idea). No singletons, no service locator; screens get what they
 * need from here. Closing it closes the database.
 */
public final class AppContext implements AutoCloseable {

    private final Path dataDir;
    private final Clock clock;
    private final Database database;
    private final BackupService backups;
    private final CatalogService catalogs;
    private final NoticeService notices;
    private final ChecklistService checklist;
    private final VillageService villages;
    private final SettingsRepository settings;
    private final SheetExports sheets;
    private final SyncEngine sync;
    private final SyncService syncService;
    private final ConflictService conflicts;
    private final BundleService bundles;
    private final RefusedChangesService refused;

    public AppContext(Path dataDir, Clock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.database = Database.open(dataDir, Durability.SAFE);
        this.backups = new BackupService(database, clock);
        this.catalogs = new CatalogService(database, clock);
        NoticeRepository noticeRepository = new NoticeRepository(NoticeHasher.sha256());
        UuidV7 ids = new UuidV7(clock);
        OutboxRepository outbox = new OutboxRepository();
        this.notices = new NoticeService(database, noticeRepository, outbox, this::catalog, ids, clock);
        this.sync = new SyncEngine(database, notices, outbox, ids, clock);
        this.conflicts = new ConflictService(database, notices, outbox, ids, clock);
        this.refused = new RefusedChangesService(database, notices, outbox, ids, clock);
        this.checklist = new ChecklistService(database, noticeRepository, this::catalog, clock);
        this.villages = new VillageService(database);
        this.settings = new SettingsRepository(database);
        this.syncService = new SyncService(database, settings, sync);
        this.bundles = new BundleService(database, settings, sync, villages, clock);
        this.sheets = new SheetExports(notices, this::catalog, NoticeHasher.sha256());
    }

    /** Local key/value preferences (QR base URL, …). */
    public SettingsRepository settings() {
        return settings;
    }

    /** Bulletin-board sheets: PDF, PNG and batch exports. */
    public SheetExports sheets() {
        return sheets;
    }

    /** The client half of sync without the network: outbox → request, response → store. */
    public SyncEngine sync() {
        return sync;
    }

    /** Enrollment and sync rounds over HTTP with the server (SyncTransport + SyncEngine). */
    public SyncService syncService() {
        return syncService;
    }

    /** USB bundle files: export, import of replies, forwarding at the township. */
    public BundleService bundles() {
        return bundles;
    }

    /** Open sync conflicts and their resolution. */
    public ConflictService conflicts() {
        return conflicts;
    }

    /** Changes the server refused, and 重新上传. */
    public RefusedChangesService refused() {
        return refused;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    /** Rolling consistent backups in {@code <dataDir>/backups}. */
    public BackupService backups() {
        return backups;
    }

    /** The active catalog version; can change when a county's catalog is imported. */
    public Catalog catalog() {
        return catalogs.active();
    }

    public CatalogService catalogs() {
        return catalogs;
    }

    public NoticeService notices() {
        return notices;
    }

    public ChecklistService checklist() {
        return checklist;
    }

    public VillageService villages() {
        return villages;
    }

    @Override
    public void close() {
        database.closeAndCompact();
    }
}
