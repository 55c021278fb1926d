package cn.sanwu.client.review;

import cn.sanwu.client.store.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Table {@code notice_review}: the {@link ReviewInfo} of each notice. Stateless; runs in the caller's transaction. */
public final class ReviewInfoRepository {

    public ReviewInfo find(Connection c, UUID noticeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT extras_json FROM notice_review WHERE notice_id = ?")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ReviewInfo.NONE;
                }
                try {
                    return new ReviewInfo((ObjectNode) JsonMapping.mapper().readTree(rs.getString(1)));
                } catch (JsonProcessingException | ClassCastException e) {
                    throw new SQLException("review facts of " + noticeId + " are not JSON", e);
                }
            }
        }
    }

    public void put(Connection c, UUID noticeId, ReviewInfo info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO notice_review(notice_id, extras_json) KEY(notice_id) VALUES (?, ?)")) {
            ps.setObject(1, noticeId);
            ps.setString(2, info.json());
            ps.executeUpdate();
        }
    }
}
