package cn.sanwu.server.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for the review tables (V5__review.sql). Stateless; every call runs in the caller's transaction. */
final class ReviewStore {

    private static final String STATE_COLUMNS = "notice_id, village_code, content_hash, content_by_kind, content_by_id, filing,"
            + " signoff_hash, signoff_name, signoff_opinion, signoff_at, submitted_revision, submitted_hash,"
            + " submitted_by_kind, submitted_by_id, submitted_at, approved_revision, approved_hash, approved_by, approved_at,"
            + " lock_state";

    /** One published revision (table {@code publication}). */
    record Publication(UUID noticeId, int revision, String villageCode, String number, String contentHash, String contentJson,
            int approvedRevision, UUID approvedBy, Instant approvedAt, UUID publishedBy, Instant publishedAt,
            LocalDate postingFrom, LocalDate postingTo, String correctionReason, Integer supersededBy,
            String withdrawnReason, Instant withdrawnAt) {
    }

    Optional<ReviewState> find(Connection c, UUID noticeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STATE_COLUMNS + " FROM review_state WHERE notice_id = ?")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** States of submitted notices of {@code villages}, oldest submission first. */
    List<ReviewState> submittedIn(Connection c, List<String> villages) throws SQLException {
        List<ReviewState> out = new ArrayList<>();
        if (villages.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(villages.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STATE_COLUMNS + " FROM review_state WHERE village_code IN ("
                + marks + ") AND submitted_revision IS NOT NULL AND approved_revision IS NULL ORDER BY submitted_at, notice_id")) {
            for (int i = 0; i < villages.size(); i++) {
                ps.setString(i + 1, villages.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static ReviewState read(ResultSet rs) throws SQLException {
        ReviewState s = new ReviewState(rs.getObject(1, UUID.class), rs.getString(2));
        s.contentHash = rs.getString(3);
        s.contentByKind = Actor.Kind.fromId(rs.getString(4));
        s.contentById = rs.getObject(5, UUID.class);
        s.filing = rs.getBoolean(6);
        s.signoffHash = rs.getString(7);
        s.signoffName = rs.getString(8);
        s.signoffOpinion = rs.getString(9);
        s.signoffAt = instant(rs, 10);
        s.submittedRevision = (Integer) rs.getObject(11);
        s.submittedHash = rs.getString(12);
        s.submittedByKind = rs.getString(13) == null ? null : Actor.Kind.fromId(rs.getString(13));
        s.submittedById = rs.getObject(14, UUID.class);
        s.submittedAt = instant(rs, 15);
        s.approvedRevision = (Integer) rs.getObject(16);
        s.approvedHash = rs.getString(17);
        s.approvedBy = rs.getObject(18, UUID.class);
        s.approvedAt = instant(rs, 19);
        s.lock = rs.getString(20);
        return s;
    }

    void save(Connection c, ReviewState s) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM review_state WHERE notice_id = ?")) {
            del.setObject(1, s.noticeId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_state(" + STATE_COLUMNS + ") VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.noticeId);
            ps.setString(2, s.village);
            ps.setString(3, s.contentHash);
            ps.setString(4, s.contentByKind.id());
            ps.setObject(5, s.contentById);
            ps.setBoolean(6, s.filing);
            ps.setString(7, s.signoffHash);
            ps.setString(8, s.signoffName);
            ps.setString(9, s.signoffOpinion);
            setInstant(ps, 10, s.signoffAt);
            setInt(ps, 11, s.submittedRevision);
            ps.setString(12, s.submittedHash);
            ps.setString(13, s.submittedByKind == null ? null : s.submittedByKind.id());
            ps.setObject(14, s.submittedById);
            setInstant(ps, 15, s.submittedAt);
            setInt(ps, 16, s.approvedRevision);
            ps.setString(17, s.approvedHash);
            ps.setObject(18, s.approvedBy);
            setInstant(ps, 19, s.approvedAt);
            ps.setString(20, s.lock);
            ps.executeUpdate();
        }
    }

    void insertEvent(Connection c, ReviewEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_event(id, notice_id, revision, village_code, action,"
                + " actor_kind, actor_id, actor_role, content_hash, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, e.id());
            ps.setObject(2, e.noticeId());
            ps.setInt(3, e.revision());
            ps.setString(4, e.villageCode());
            ps.setString(5, e.action().name());
            ps.setString(6, e.actor().kind().id());
            ps.setObject(7, e.actor().id());
            ps.setString(8, e.actor().role().id());
            ps.setString(9, e.contentHash());
            ps.setString(10, e.reason());
            setInstant(ps, 11, e.at());
            ps.executeUpdate();
        }
    }

    List<ReviewEvent> events(Connection c, UUID noticeId) throws SQLException {
        List<ReviewEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.notice_id, e.revision, e.village_code, e.action, e.actor_kind,"
                + " e.actor_id, e.actor_role, e.content_hash, e.reason, e.at, u.display_name, d.name FROM review_event e"
                + " LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN device d ON d.id = e.actor_id"
                + " WHERE e.notice_id = ? ORDER BY e.at, e.revision")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(12) != null ? rs.getString(12) : rs.getString(13);
                    Actor actor = new Actor(Actor.Kind.fromId(rs.getString(6)), rs.getObject(7, UUID.class),
                            cn.sanwu.server.access.Role.fromId(rs.getString(8)).orElseThrow(), null, name);
                    out.add(new ReviewEvent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                            rs.getString(4), ReviewEvent.Action.valueOf(rs.getString(5)), actor, rs.getString(9),
                            rs.getString(10), instant(rs, 11)));
                }
            }
        }
        return out;
    }

    /** The next 公开编号 of {@code village} in {@code year}: the counter row stays locked until commit. */
    int nextPublicationNumber(Connection c, String village, int year) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE publication_counter SET last_number = last_number + 1 WHERE village_code = ? AND pub_year = ?")) {
            up.setString(1, village);
            up.setInt(2, year);
            if (up.executeUpdate() == 0) {
                // Safe without a race: the caller holds the village's feed lock, the only way in here.
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO publication_counter(village_code, pub_year, last_number) VALUES (?, ?, 1)")) {
                    ins.setString(1, village);
                    ins.setInt(2, year);
                    ins.executeUpdate();
                }
                return 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_number FROM publication_counter WHERE village_code = ? AND pub_year = ?")) {
            ps.setString(1, village);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void insertPublication(Connection c, Publication p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO publication(notice_id, revision, village_code,"
                + " publication_number, content_hash, content_json, approved_revision, approved_by, approved_at, published_by,"
                + " published_at, posting_from, posting_to, correction_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, p.noticeId());
            ps.setInt(2, p.revision());
            ps.setString(3, p.villageCode());
            ps.setString(4, p.number());
            ps.setString(5, p.contentHash());
            ps.setString(6, p.contentJson());
            ps.setInt(7, p.approvedRevision());
            ps.setObject(8, p.approvedBy());
            setInstant(ps, 9, p.approvedAt());
            ps.setObject(10, p.publishedBy());
            setInstant(ps, 11, p.publishedAt());
            ps.setObject(12, p.postingFrom());
            ps.setObject(13, p.postingTo());
            ps.setString(14, p.correctionReason());
            ps.executeUpdate();
        }
    }

    /** The notice's publication in force (not superseded, not withdrawn), if any. */
    Optional<Publication> inForce(Connection c, UUID noticeId) throws SQLException {
        return publications(c, "WHERE notice_id = ? AND superseded_by IS NULL AND withdrawn_at IS NULL", noticeId).stream()
                .findFirst();
    }

    List<Publication> publicationsOf(Connection c, UUID noticeId) throws SQLException {
        return publications(c, "WHERE notice_id = ? ORDER BY revision", noticeId);
    }

    /** The publications in force (not superseded, not withdrawn) of {@code villages}, newest first. */
    List<Publication> inForceIn(Connection c, List<String> villages) throws SQLException {
        if (villages.isEmpty()) {
            return List.of();
        }
        return publications(c, "WHERE superseded_by IS NULL AND withdrawn_at IS NULL AND village_code IN ("
                + String.join(", ", java.util.Collections.nCopies(villages.size(), "?")) + ") ORDER BY published_at DESC",
                villages.toArray());
    }

    List<Publication> allPublications(Connection c) throws SQLException {
        return publications(c, "ORDER BY published_at, notice_id, revision");
    }

    private List<Publication> publications(Connection c, String where, Object... args) throws SQLException {
        List<Publication> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT notice_id, revision, village_code, publication_number,"
                + " content_hash, content_json, approved_revision, approved_by, approved_at, published_by, published_at,"
                + " posting_from, posting_to, correction_reason, superseded_by, withdrawn_reason, withdrawn_at FROM publication "
                + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Publication(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getObject(8, UUID.class), instant(rs, 9),
                            rs.getObject(10, UUID.class), instant(rs, 11), rs.getObject(12, LocalDate.class),
                            rs.getObject(13, LocalDate.class), rs.getString(14), (Integer) rs.getObject(15), rs.getString(16),
                            instant(rs, 17)));
                }
            }
        }
        return out;
    }

    void supersede(Connection c, UUID noticeId, int oldRevision, int newRevision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE publication SET superseded_by = ? WHERE notice_id = ? AND revision = ? AND superseded_by IS NULL")) {
            ps.setInt(1, newRevision);
            ps.setObject(2, noticeId);
            ps.setInt(3, oldRevision);
            ps.executeUpdate();
        }
    }

    void withdraw(Connection c, UUID noticeId, int revision, String reason, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE publication SET withdrawn_reason = ?, withdrawn_at = ?"
                + " WHERE notice_id = ? AND revision = ? AND withdrawn_at IS NULL")) {
            ps.setString(1, reason);
            setInstant(ps, 2, at);
            ps.setObject(3, noticeId);
            ps.setInt(4, revision);
            ps.executeUpdate();
        }
    }

    /** Every earlier version of a notice as its feed holds them, newest first: {revision, payload}. */
    List<String[]> feedVersions(Connection c, String village, UUID noticeId) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT revision, payload FROM change_feed WHERE scope = ? AND"
                + " entity_type = 'notice' AND entity_id = ? ORDER BY seq DESC")) {
            ps.setString(1, village);
            ps.setObject(2, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** The notices of {@code villages} a township user ever entered content for (村账乡管). */
    java.util.Set<UUID> townshipEntered(Connection c, List<String> villages) throws SQLException {
        java.util.Set<UUID> out = new java.util.HashSet<>();
        if (villages.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(villages.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT notice_id FROM review_event WHERE action = ?"
                + " AND village_code IN (" + marks + ")")) {
            ps.setString(1, ReviewEvent.Action.TOWNSHIP_ENTRY.name());
            for (int i = 0; i < villages.size(); i++) {
                ps.setString(i + 2, villages.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /** The current payload of a notice, or null when the server has none. */
    String payload(Connection c, UUID noticeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM synced_entity WHERE entity_type = 'notice' AND entity_id = ?")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Current payloads of every notice of {@code village}. */
    List<String> villagePayloads(Connection c, String village) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM synced_entity WHERE entity_type = 'notice' AND scope = ?")) {
            ps.setString(1, village);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setInstant(PreparedStatement ps, int column, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(column, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(column, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static void setInt(PreparedStatement ps, int column, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(column, Types.INTEGER);
        } else {
            ps.setInt(column, value);
        }
    }
}
