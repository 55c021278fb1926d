package cn.sanwu.client.sync;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/** A real H2 file store with the notice service, the sync engine and conflicts on top, plus helpers. */
final class SyncFixture implements AutoCloseable {

    final Database db;
    final NoticeService notices;
    final SyncEngine engine;
    final ConflictService conflicts;
    final RefusedChangesService refused;

    SyncFixture(Path dir) {
        this(dir, SyncEngine.DEFAULT_MAX_MUTATIONS);
    }

    SyncFixture(Path dir, int maxMutations) {
        this(TestStores.open(dir), maxMutations);
    }

    /** On an already opened store (e.g. opened as a later version by an upgrade test). */
    SyncFixture(Database opened, int maxMutations) {
        db = opened;
        notices = TestStores.notices(db, TestStores.CLOCK);
        UuidV7 ids = new UuidV7(TestStores.CLOCK);
        engine = new SyncEngine(db, notices, new OutboxRepository(), ids, TestStores.CLOCK, maxMutations,
                SyncEngine.DEFAULT_MAX_PAYLOAD_CHARS);
        conflicts = new ConflictService(db, notices, new OutboxRepository(), ids, TestStores.CLOCK);
        refused = new RefusedChangesService(db, notices, new OutboxRepository(), ids, TestStores.CLOCK);
    }

    Notice newNotice(String title, String body) {
        var item = TestStores.CATALOG.find("V13").orElseThrow();
        return notices.save(notices.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), title, body));
    }

    /** Loads the stored notice, changes its body and saves it, as the editor does. */
    Notice edit(UUID id, String body) {
        Notice stored = notices.find(id).orElseThrow();
        return notices.save(stored.withContent(withBody(stored, body)));
    }

    static cn.sanwu.model.notice.NoticeContent withBody(Notice n, String body) {
        var c = n.content();
        return new cn.sanwu.model.notice.NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), body, c.tables(),
                c.journal(), c.recipients());
    }

    /** The payload another device would send for {@code n} with this body at this revision. */
    static JsonNode serverVersion(Notice n, String body, int revision) {
        Notice other = new Notice(n.id(), withBody(n, body), n.status(), revision, n.reason(), n.updatedAt());
        return NoticePayload.toTree(NoticePayload.toJson(other));
    }

    /** One round trip with the model server. */
    void syncWith(ModelServer server) {
        SyncProtocol.Request request = engine.prepare();
        engine.apply(request, server.handle(request));
    }

    /** Sends what waits and answers the first mutation with {@code outcome}, no pulled changes. */
    SyncProtocol.Request syncFirstAnswered(SyncProtocol.Outcome outcome, long cursor) {
        return syncFirstAnswered(m -> result(m, outcome), cursor);
    }

    /** Sends what waits and answers the first mutation with the given result, no pulled changes. */
    SyncProtocol.Request syncFirstAnswered(
            java.util.function.Function<SyncProtocol.Mutation, SyncProtocol.MutationResult> resultFor, long cursor) {
        SyncProtocol.Request request = engine.prepare();
        engine.apply(request, answer(List.of(resultFor.apply(request.mutations().getFirst())), List.of(), cursor));
        return request;
    }

    /** Sends what waits (if anything) and answers with these pulled changes only. */
    List<Notice> pull(long cursor, SyncProtocol.Change... changes) {
        return engine.apply(engine.prepare(), answer(List.of(), List.of(changes), cursor));
    }

    static SyncProtocol.Response answer(List<SyncProtocol.MutationResult> results, List<SyncProtocol.Change> changes,
            long cursor) {
        return new SyncProtocol.Response(SyncProtocol.VERSION, results, changes, cursor, false, false);
    }

    static SyncProtocol.MutationResult result(SyncProtocol.Mutation m, SyncProtocol.Outcome outcome) {
        return new SyncProtocol.MutationResult(m.mutationId(), outcome, m.payload().path("revision").asInt(), null, null);
    }

    /** Outbox rows as "STATE base->payloadRevision", oldest first. */
    List<String> outboxRows() {
        return TestStores.outboxRows(db);
    }

    /** The first column of the first row of {@code sql}. */
    String firstString(String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
