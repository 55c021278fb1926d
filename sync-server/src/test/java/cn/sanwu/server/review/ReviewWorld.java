package cn.sanwu.server.review;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.Accounts;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.User;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The real review and sync services over one H2 file (or PostgreSQL), the fixture's regions and
 * people plus a second reviewer of our township, and one PC per village — for the property test.
 * Tables are emptied between histories; accounts and regions stay.
 */
final class ReviewWorld implements AutoCloseable {

    /** Villages in fixture order: own (our township), sibling (our township), other township. */
    static final List<String> VILLAGES = List.of(AccountFixture.OWN_VILLAGE, AccountFixture.SIBLING_VILLAGE,
            AccountFixture.OTHER_TOWNSHIP_VILLAGE);
    static final Map<String, String> TOWNSHIP_OF = Map.of(AccountFixture.OWN_VILLAGE, AccountFixture.TOWNSHIP,
            AccountFixture.SIBLING_VILLAGE, AccountFixture.TOWNSHIP, AccountFixture.OTHER_TOWNSHIP_VILLAGE,
            AccountFixture.OTHER_TOWNSHIP);

    private static final List<String> WIPED = List.of("synced_entity", "change_feed", "feed_counter", "applied_mutation",
            "review_state", "publication", "publication_counter", "review_event", "published_record", "log_leaf",
            "log_checkpoint", "audit_event");
    /** What a refused action must leave exactly as it was. */
    private static final List<String> SNAPSHOT = List.of(
            "SELECT entity_id, revision, payload FROM synced_entity ORDER BY entity_id",
            "SELECT scope, seq, revision FROM change_feed ORDER BY scope, seq",
            // An empty counter row is made before any transaction (ChangeFeed.ensureScope): it holds nothing.
            "SELECT scope, last_seq FROM feed_counter WHERE last_seq > 0 ORDER BY scope",
            "SELECT COUNT(*) FROM applied_mutation",
            "SELECT * FROM review_state ORDER BY notice_id",
            "SELECT * FROM publication ORDER BY notice_id, revision",
            "SELECT * FROM publication_counter ORDER BY village_code, pub_year",
            "SELECT COUNT(*) FROM review_event",
            "SELECT notice_id, revision, content_hash, publication_number FROM published_record ORDER BY notice_id, revision",
            // Not the audit chain: a refused person's action appends one REFUSED event (ADR 0025),
            // which the property test checks on its own (auditSince).
            "SELECT log_size FROM ledger_head");

    final Database db;
    final Accounts accounts;
    final ReviewService review;
    final SyncService sync;
    /** Reviewer A, reviewer B (both our township), the other township's reviewer, clerk, supervisor, admin. */
    final List<User> people = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();

    ReviewWorld(Path dir, Clock clock, ReviewService.Variant variant) {
        db = TestDatabases.open(dir);
        accounts = Accounts.create(db, clock, SecurityConfig.DEFAULTS.withPasswordCost(TestDatabases.TEST_PASSWORD_COST),
                new DeviceService(db, clock));
        AccountFixture.create(accounts);
        accounts.users().createUser("reviewer-b", "李审核", Role.TOWNSHIP_REVIEWER, AccountFixture.TOWNSHIP,
                AccountFixture.PASSWORD);
        for (String name : List.of("reviewer", "reviewer-b", "reviewer-other", "clerk", "supervisor", "admin")) {
            people.add(accounts.users().find(name).orElseThrow());
        }
        for (String village : VILLAGES) {
            devices.add(new Device(UUID.nameUUIDFromBytes(village.getBytes()), village + "电脑", village,
                    Instant.EPOCH, null, null));
        }
        review = new ReviewService(db, clock, accounts.regions(), variant);
        sync = new SyncService(db, clock, SyncService.DEFAULT_PAGE_BYTES, review.pushRules());
    }

    void reset() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                    // The ledger tables refuse DELETE on PostgreSQL (AppendOnlyGuard); the test's
                    // superuser switches triggers off for this wipe between histories only.
                    s.execute("SET LOCAL session_replication_role = replica");
                }
                for (String t : WIPED) {
                    s.execute("DELETE FROM " + t);
                }
                s.execute("UPDATE ledger_head SET log_size = 0, audit_size = 0, audit_hash = '" + "0".repeat(64) + "'");
            }
            return null;
        });
    }

    /** SHA-256 over every row the review and sync tables hold. */
    String snapshot() {
        return db.inTransaction(c -> {
            MessageDigest md = sha256();
            for (String q : SNAPSHOT) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            md.update(String.valueOf(rs.getObject(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            md.update((byte) 0);
                        }
                    }
                }
                md.update((byte) 1);
            }
            return HexFormat.of().formatHex(md.digest());
        });
    }

    /** The audit chain's length as its head row says. */
    long auditSize() {
        return Long.parseLong(rows("SELECT audit_size FROM ledger_head").getFirst()[0]);
    }

    /** Audit events from {@code seq} on: actor, role, action, notice, revision, result, reason. */
    List<String[]> auditSince(long seq) {
        return rows("SELECT actor_user_id, actor_role, action, notice_id, revision, result, reason FROM audit_event WHERE seq >= ?"
                + " ORDER BY seq", seq);
    }

    /** Recomputes every link of the audit chain and checks the head row, as admin audit does. */
    void verifyAuditChain() {
        db.inTransaction(c -> {
            cn.sanwu.server.audit.AuditChain chain = new cn.sanwu.server.audit.AuditChain();
            String[] prev = {cn.sanwu.server.audit.AuditChain.GENESIS};
            long[] n = {0};
            cn.sanwu.server.audit.AuditChain.readAll(c, e -> {
                if (e.seq() != n[0] || !e.prevHash().equals(prev[0]) || !chain.entryHash(prev[0], e.event(), e.seq()).equals(e.entryHash())) {
                    throw new AssertionError("audit chain broken at seq " + e.seq());
                }
                prev[0] = e.entryHash();
                n[0]++;
            }, problem -> {
                throw new AssertionError(problem);
            });
            List<String[]> head = query(c, "SELECT audit_size, audit_hash FROM ledger_head");
            if (Long.parseLong(head.getFirst()[0]) != n[0] || !head.getFirst()[1].equals(prev[0])) {
                throw new AssertionError("ledger_head does not name the chain's end");
            }
            return null;
        });
    }

    Optional<JsonNode> current(UUID notice) {
        return db.inTransaction(c -> query(c, "SELECT payload FROM synced_entity WHERE entity_id = ?", notice))
                .stream().findFirst().map(row -> parse(row[0]));
    }

    String lock(UUID notice) {
        List<String[]> rows = db.inTransaction(c -> query(c, "SELECT lock_state FROM review_state WHERE notice_id = ?", notice));
        return rows.isEmpty() ? ReviewState.OPEN : rows.getFirst()[0];
    }

    List<String[]> rows(String sql, Object... args) {
        return db.inTransaction(c -> query(c, sql, args));
    }

    static List<String[]> query(Connection c, String sql, Object... args) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        int type = rs.getMetaData().getColumnType(i + 1);
                        // Times as instants: H2 and PostgreSQL hand back different Java types.
                        Object o = type == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || type == java.sql.Types.TIMESTAMP
                                ? rs.getObject(i + 1, java.time.OffsetDateTime.class) : rs.getObject(i + 1);
                        row[i] = o == null ? null : o instanceof java.time.OffsetDateTime t
                                ? t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString() : o.toString();
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    static JsonNode parse(String json) {
        try {
            return ModelJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
