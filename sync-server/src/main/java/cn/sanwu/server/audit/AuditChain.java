package cn.sanwu.server.audit;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.HashAlgorithm;
import cn.sanwu.model.hash.Sha256;
import cn.sanwu.server.ledger.LedgerHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The hash-chained audit log of review actions (table {@code audit_event}). Entry {@code n} stores
 * {@code entry_hash = H(prev_hash || canonical JSON of event n)} with {@code prev_hash} the entry
 * hash of {@code n-1} (32 zero bytes for the first), so changing, removing or inserting any row
 * breaks every later link; {@code admin audit} recomputes it. Appends run in the caller's
 * transaction and take the {@code ledger_head} row lock, so concurrent instances chain one after
 * another. Stateless; thread-safe.
 */
public final class AuditChain {

    /** Hex of the predecessor of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final HashAlgorithm algorithm;

    public AuditChain() {
        this(Sha256.INSTANCE);
    }

    public AuditChain(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** A stored entry: its position and hash. */
    public record Entry(long seq, String entryHash) {
    }

    /**
     * Appends {@code event} in the transaction of {@code c} (not committed here: the caller's
     * action and its audit row commit or roll back together).
     */
    public Entry append(Connection c, AuditEvent event) throws SQLException {
        LedgerHead head = LedgerHead.lock(c);
        long seq = head.auditSize();
        String prev = head.auditHash();
        String hash = entryHash(prev, event, seq);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event(seq, actor_user_id, actor_role, action,"
                + " notice_id, revision, content_hash, result, reason, occurred_at, prev_hash, entry_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, event.actorUserId());
            ps.setString(3, event.actorRole());
            ps.setString(4, event.action());
            ps.setObject(5, event.noticeId());
            ps.setInt(6, event.revision());
            ps.setString(7, event.contentHash() == null ? null : event.contentHash().toString());
            ps.setString(8, event.result());
            ps.setString(9, event.reason());
            ps.setObject(10, event.at().atOffset(ZoneOffset.UTC));
            ps.setString(11, prev);
            ps.setString(12, hash);
            ps.executeUpdate();
        }
        LedgerHead.setAudit(c, seq + 1, hash);
        return new Entry(seq, hash);
    }

    /** {@code H(prev || canonical event JSON)} in lowercase hex. */
    public String entryHash(String prevHex, AuditEvent event, long seq) {
        byte[] prev = HexFormat.of().parseHex(prevHex);
        byte[] json = CanonicalJson.toBytes(event.canonicalTree(seq));
        byte[] input = new byte[prev.length + json.length];
        System.arraycopy(prev, 0, input, 0, prev.length);
        System.arraycopy(json, 0, input, prev.length, json.length);
        return HexFormat.of().formatHex(algorithm.digest(input));
    }

    /** A stored row as read back: the event, its position and the stored links. */
    public record StoredEntry(long seq, AuditEvent event, String prevHash, String entryHash) {
    }

    private static final String SELECT = "SELECT seq, actor_user_id, actor_role, action, notice_id, revision,"
            + " content_hash, result, reason, occurred_at, prev_hash, entry_hash FROM audit_event";

    /** Every stored row in order of seq, streamed to {@code sink}; a row that no longer parses goes to {@code unreadable}. */
    public static void readAll(Connection c, Consumer<StoredEntry> sink, Consumer<String> unreadable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    sink.accept(row(rs));
                } catch (RuntimeException e) {
                    unreadable.accept("audit_event seq " + rs.getLong(1) + ": unreadable row (" + e.getMessage() + ")");
                }
            }
        }
    }

    /** The entries of one notice, oldest first (its review history). */
    public static List<StoredEntry> forNotice(Connection c, UUID noticeId) throws SQLException {
        List<StoredEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE notice_id = ? ORDER BY seq")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static StoredEntry row(ResultSet rs) throws SQLException {
        String hash = rs.getString(7);
        AuditEvent event = new AuditEvent(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getInt(6), hash == null ? null : ContentHash.parse(hash), rs.getString(8),
                rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant());
        return new StoredEntry(rs.getLong(1), event, rs.getString(11), rs.getString(12));
    }
}
