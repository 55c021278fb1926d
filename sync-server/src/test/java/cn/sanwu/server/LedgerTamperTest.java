package cn.sanwu.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.audit.AuditEvent;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.ledger.LedgerAudit;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.LedgerFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's proof: 100 random direct SQL edits to a real H2 file — amounts changed inside published
 * content (alone, with the hash recomputed, with the log leaf rewritten too), rows deleted,
 * back-dated rows inserted, audit rows altered or deleted, a v2 record's posting window moved (alone
 * or with its log leaf) or the record claimed to be v1 — each on a fresh copy of one published
 * history, and {@code admin audit} must exit 3 naming the place for 100 of 100. The same edits
 * against an audit with its record check switched off must miss some, which shows the harness
 * can fail. Random: prints its seed; replay with {@code -Dseed=N}.
 */
class LedgerTamperTest {

    static final int NOTICES = 30;
    static final int EDITS = 100;
    static final Pattern AMOUNT = Pattern.compile("\"(incomeFen|expenseFen)\":([1-9][0-9]*)");

    @TempDir
    Path dir;
    Path base;

    /** The kinds of tampering, each with the table the audit must name. */
    enum Edit {
        AMOUNT_IN_CONTENT("published_record"),
        AMOUNT_AND_CONTENT_HASH("published_record"),
        AMOUNT_HASH_AND_LOG_LEAF("log_checkpoint"),
        RECORD_DELETED("log_leaf"),
        RECORD_AND_LEAF_DELETED("log_"),
        LAST_PUBLICATION_ROLLED_BACK("log_checkpoint"),
        BACKDATED_RECORD_AND_LEAF_INSERTED("log_leaf"),
        BACKDATED_RECORD_INSERTED("published_record"),
        EXISTING_RECORD_BACKDATED("published_record"),
        AUDIT_ROW_ALTERED("audit_event"),
        AUDIT_ROW_REHASHED_TO_THE_END("audit_event"),
        AUDIT_ROW_DELETED("audit_event"),
        /** Leaf schema v2 (ADR 0025): the posting window is on record. */
        POSTING_WINDOW_CHANGED("published_record"),
        POSTING_WINDOW_AND_LOG_LEAF_CHANGED("log_checkpoint"),
        /** A v2 record claimed to be a v1 one, which would leave its window unbound. */
        RECORD_DOWNGRADED_TO_LEAF_V1("published_record");

        final String where;

        Edit(String where) {
            this.where = where;
        }
    }

    @BeforeEach
    void publishedHistory() {
        base = dir.resolve("base");
        ServerConfig config = ServerConfig.local(base, 0);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            LedgerFixture.publish(db, config, NOTICES, new Random(1));
        }
        assertThat(audit(base).code()).as("the untouched history audits clean").isZero();
    }

    @Test
    void theAuditCommandDetectsEveryOneOfAHundredRandomDirectEdits() throws Exception {
        long seed = seed();
        System.out.println("LedgerTamperTest seed=" + seed + " (replay with -Dseed=" + seed + ")");
        Random random = new Random(seed);
        Map<Edit, Integer> counts = new LinkedHashMap<>();
        int detected = 0;
        for (int trial = 0; trial < EDITS; trial++) {
            Edit edit = Edit.values()[random.nextInt(Edit.values().length)];
            counts.merge(edit, 1, Integer::sum);
            Path copy = copyOfBase("trial-" + trial);
            String what = tamper(copy, edit, random);
            Result result = audit(copy);
            boolean caught = result.code() == LedgerAdminCommand.TAMPERED && result.out().contains("TAMPERED " + edit.where);
            if (caught) {
                detected++;
            } else {
                System.out.println("MISSED trial " + trial + " " + edit + " (" + what + "): exit " + result.code() + "\n"
                        + result.out());
            }
        }
        System.out.println("tamper edits by kind: " + counts + "; detected " + detected + "/" + EDITS);
        assertThat(detected).isEqualTo(EDITS);
    }

    /** The same edits against an audit that does not recompute the records: it must miss some. */
    @Test
    void anAuditWithoutTheRecordCheckMissesEditsSoTheHarnessCanFail() throws Exception {
        Random random = new Random(seed());
        int detected = 0;
        int trials = 12;
        for (int trial = 0; trial < trials; trial++) {
            Edit edit = trial % 2 == 0 ? Edit.AMOUNT_IN_CONTENT : Edit.values()[random.nextInt(Edit.values().length)];
            Path copy = copyOfBase("broken-" + trial);
            tamper(copy, edit, random);
            ServerConfig config = ServerConfig.local(copy, 0);
            try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
                LedgerAudit broken = new LedgerAudit(new PublicationLedger(), config.log().origin(),
                        LogSigningKeys.load(config.log()).allVerifiers(), EnumSet.complementOf(EnumSet.of(LedgerAudit.Check.RECORDS)));
                if (!broken.run(db, java.util.List.of()).clean()) {
                    detected++;
                }
            }
        }
        System.out.println("broken audit (no record check) detected " + detected + "/" + trials);
        assertThat(detected).isLessThan(trials);
    }

    /**
     * The posting window is bound only by v2 leaves: the same window edit on a record logged with
     * a v1 leaf (published before ADR 0025) passes the audit. This is why v2 exists, and it shows
     * the window check can fail.
     */
    @Test
    void aMovedPostingWindowIsCaughtOnV2RecordsAndMissedOnV1Ones() throws Exception {
        for (long index : new long[] {0, LedgerFixture.v1Count(NOTICES)}) {
            Path copy = copyOfBase("window-" + index);
            ServerConfig config = ServerConfig.local(copy, 0);
            try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
                db.inTransaction(c -> {
                    update(c, "UPDATE published_record SET posting_until = DATEADD(DAY, 30, posting_until) WHERE leaf_index = ?", index);
                    return null;
                });
            }
            Result result = audit(copy);
            if (index < LedgerFixture.v1Count(NOTICES)) {
                assertThat(result.code()).as("v1 record %d: window not bound\n%s", index, result.out()).isZero();
            } else {
                assertThat(result.code()).isEqualTo(LedgerAdminCommand.TAMPERED);
                assertThat(result.out()).contains("TAMPERED published_record", "posting window");
            }
        }
    }

    private static long seed() {
        String given = System.getProperty("seed");
        return given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.strip());
    }

    private Path copyOfBase(String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(base)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".lock.db")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    record Result(int code, String out) {
    }

    /** {@code Main --config FILE admin audit}: the command an operator runs. */
    private Result audit(Path dataDir) {
        try {
            Path properties = dataDir.resolve("server.properties");
            Files.writeString(properties, "sanwu.server.dataDir=" + dataDir.toAbsolutePath().toString().replace("\\", "/") + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"--config", properties.toString(), "admin", "audit"},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Applies one edit the way someone with the database file would: plain SQL. Answers what was done. */
    private static String tamper(Path dataDir, Edit edit, Random random) throws SQLException {
        ServerConfig config = ServerConfig.local(dataDir, 0);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            return db.inTransaction(c -> apply(c, edit, random));
        }
    }

    private static String apply(Connection c, Edit edit, Random random) throws SQLException {
        PublicationLedger ledger = new PublicationLedger();
        long index = random.nextInt(NOTICES);
        return switch (edit) {
            case AMOUNT_IN_CONTENT, AMOUNT_AND_CONTENT_HASH, AMOUNT_HASH_AND_LOG_LEAF -> {
                String[] row = record(c, index);
                Matcher m = AMOUNT.matcher(row[1]);
                if (!m.find()) {
                    throw new AssertionError("no amount in " + row[1]);
                }
                long changed = Long.parseLong(m.group(2)) + 100 * (1 + random.nextInt(10_000));
                String content = row[1].substring(0, m.start(2)) + changed + row[1].substring(m.end(2));
                ContentHash hash = ledger.contentHash(content);
                update(c, "UPDATE published_record SET content_json = ?" + (edit == Edit.AMOUNT_IN_CONTENT ? "" : ", content_hash = ?")
                        + " WHERE leaf_index = ?", edit == Edit.AMOUNT_IN_CONTENT ? new Object[] {content, index}
                                : new Object[] {content, hash.toString(), index});
                if (edit == Edit.AMOUNT_HASH_AND_LOG_LEAF) {
                    PublicationLedger.Record r = PublicationLedger.find(c, UUID.fromString(row[0]), 1).orElseThrow();
                    rewriteLeaf(c, index, r.leaf());
                }
                yield m.group(1) + " of leaf " + index + " → " + changed;
            }
            case RECORD_DELETED -> {
                update(c, "DELETE FROM published_record WHERE leaf_index = ?", index);
                yield "record " + index;
            }
            case RECORD_AND_LEAF_DELETED -> {
                update(c, "DELETE FROM published_record WHERE leaf_index = ?", index);
                update(c, "DELETE FROM log_leaf WHERE leaf_index = ?", index);
                yield "record and leaf " + index;
            }
            case LAST_PUBLICATION_ROLLED_BACK -> {
                long last = NOTICES - 1;
                update(c, "DELETE FROM published_record WHERE leaf_index = ?", last);
                update(c, "DELETE FROM log_leaf WHERE leaf_index = ?", last);
                update(c, "UPDATE ledger_head SET log_size = ?", last);
                yield "last publication " + last + " removed, head set back";
            }
            case BACKDATED_RECORD_AND_LEAF_INSERTED, BACKDATED_RECORD_INSERTED -> {
                // A copy of a real record under a new id, dated before everything else, appended.
                String[] row = record(c, index);
                UUID id = UUID.randomUUID();
                String content = row[1].replace(row[0], id.toString());
                Instant at = LedgerFixture.START.minusSeconds(86_400L * (1 + random.nextInt(300)));
                LogLeaf leaf = new LogLeaf(id, 1, ledger.contentHash(content), "219901101201-2025-9" + index, at);
                update(c, "INSERT INTO published_record(notice_id, revision, village_code, content_json, content_hash,"
                        + " publication_number, approval_ref, posting_from, posting_until, published_at, leaf_index)"
                        + " VALUES (?, 1, '219901101201', ?, ?, ?, 'forged', DATE '2025-01-01', NULL, ?, ?)",
                        id, content, leaf.contentHash().toString(), leaf.publicationNumber(), at.atOffset(ZoneOffset.UTC),
                        (long) NOTICES);
                if (edit == Edit.BACKDATED_RECORD_AND_LEAF_INSERTED) {
                    update(c, "INSERT INTO log_leaf(leaf_index, notice_id, revision, leaf_data, leaf_hash) VALUES (?, ?, 1, ?, ?)",
                            (long) NOTICES, id, new String(leaf.leafData(), StandardCharsets.UTF_8),
                            HexFormat.of().formatHex(leaf.leafHash(MerkleHasher.sha256())));
                    update(c, "UPDATE ledger_head SET log_size = ?", (long) NOTICES + 1);
                }
                yield "inserted " + id + " dated " + at;
            }
            case EXISTING_RECORD_BACKDATED -> {
                Instant at = LedgerFixture.START.minusSeconds(86_400L * (1 + random.nextInt(300)));
                update(c, "UPDATE published_record SET published_at = ? WHERE leaf_index = ?", at.atOffset(ZoneOffset.UTC), index);
                yield "record " + index + " dated " + at;
            }
            case POSTING_WINDOW_CHANGED, POSTING_WINDOW_AND_LOG_LEAF_CHANGED, RECORD_DOWNGRADED_TO_LEAF_V1 -> {
                // Only v2 records bind their window; the fixture's first third are v1.
                long v2 = LedgerFixture.v1Count(NOTICES) + random.nextInt(NOTICES - LedgerFixture.v1Count(NOTICES));
                String[] row = record(c, v2);
                if (edit == Edit.RECORD_DOWNGRADED_TO_LEAF_V1) {
                    update(c, "UPDATE published_record SET leaf_schema = 1 WHERE leaf_index = ?", v2);
                    yield "record " + v2 + " marked as a v1 leaf";
                }
                int days = (1 + random.nextInt(90)) * (random.nextBoolean() ? 1 : -1);
                boolean end = random.nextBoolean();
                String column = end ? "posting_until" : "posting_from";
                update(c, "UPDATE published_record SET " + column + " = DATEADD(DAY, ?, " + column + ") WHERE leaf_index = ?",
                        end ? Math.abs(days) : days, v2);
                if (edit == Edit.POSTING_WINDOW_AND_LOG_LEAF_CHANGED) {
                    rewriteLeaf(c, v2, PublicationLedger.find(c, UUID.fromString(row[0]), 1).orElseThrow().leaf());
                }
                yield column + " of leaf " + v2 + " moved " + (end ? Math.abs(days) : days) + " days";
            }
            case AUDIT_ROW_ALTERED, AUDIT_ROW_REHASHED_TO_THE_END, AUDIT_ROW_DELETED -> {
                long events = count(c, "SELECT COUNT(*) FROM audit_event");
                long seq = random.nextLong(events);
                if (edit == Edit.AUDIT_ROW_DELETED) {
                    update(c, "DELETE FROM audit_event WHERE seq = ?", seq);
                    yield "audit event " + seq + " deleted";
                }
                String[] results = {"REFUSED", "OK-FORGED", "RETURNED"};
                update(c, "UPDATE audit_event SET result = ?, reason = ? WHERE seq = ?", results[random.nextInt(3)],
                        "改过的意见", seq);
                if (edit == Edit.AUDIT_ROW_REHASHED_TO_THE_END) {
                    rechain(c, seq);
                }
                yield "audit event " + seq + " altered" + (edit == Edit.AUDIT_ROW_REHASHED_TO_THE_END ? ", chain recomputed" : "");
            }
        };
    }

    /** Recomputes every link from {@code seq} on and the head: a careful forger of the chain. */
    private static void rechain(Connection c, long from) throws SQLException {
        AuditChain chain = new AuditChain();
        java.util.List<AuditChain.StoredEntry> entries = new java.util.ArrayList<>();
        AuditChain.readAll(c, entries::add, problem -> {
            throw new AssertionError(problem);
        });
        String prev = from == 0 ? AuditChain.GENESIS : entries.get((int) from - 1).entryHash();
        for (AuditChain.StoredEntry e : entries.subList((int) from, entries.size())) {
            AuditEvent event = e.event();
            String hash = chain.entryHash(prev, event, e.seq());
            update(c, "UPDATE audit_event SET prev_hash = ?, entry_hash = ? WHERE seq = ?", prev, hash, e.seq());
            prev = hash;
        }
        update(c, "UPDATE ledger_head SET audit_hash = ?", prev);
    }

    private static void rewriteLeaf(Connection c, long index, LogLeaf leaf) throws SQLException {
        update(c, "UPDATE log_leaf SET leaf_data = ?, leaf_hash = ? WHERE leaf_index = ?",
                new String(leaf.leafData(), StandardCharsets.UTF_8), HexFormat.of().formatHex(leaf.leafHash(MerkleHasher.sha256())),
                index);
    }

    private static String[] record(Connection c, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT notice_id, content_json FROM published_record WHERE leaf_index = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}
