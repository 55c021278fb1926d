package cn.sanwu.client.notice;

import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notice as it travels in the outbox and the sync protocol: {@code {id, status, revision, reason,
 * content}} (SyncProtocol.Mutation). The local update time stays local: order comes from the server.
 */
public final class NoticePayload {

    private NoticePayload() {
    }

    public static String toJson(Notice n) {
        return toJson(n, null);
    }

    /**
     * The payload with the village's own review facts ({@code signOff}, {@code filing},
     * {@code correctionReason}; docs/review.md) beside the five core fields.
     */
    public static String toJson(Notice n, cn.sanwu.client.review.ReviewInfo review) {
        com.fasterxml.jackson.databind.node.ObjectNode p = JsonMapping.mapper().valueToTree(Map.of(
                "id", n.id().toString(),
                "status", n.status().name(),
                "revision", n.revision(),
                "reason", n.reason(),
                "content", n.content()));
        if (review != null) {
            p.setAll(review.villageFields());
        }
        try {
            return JsonMapping.mapper().writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice payload is always serialisable", e);
        }
    }

    public static JsonNode toTree(String payloadJson) {
        try {
            return JsonMapping.mapper().readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is JSON written by this app", e);
        }
    }

    /** The notice a payload describes, stamped with the local time it was written here. */
    public static Notice fromTree(JsonNode payload, Instant writtenAt) {
        try {
            NoticeContent content = JsonMapping.mapper().treeToValue(payload.path("content"), NoticeContent.class);
            return new Notice(UUID.fromString(payload.path("id").asText()), content,
                    NoticeStatus.valueOf(payload.path("status").asText()), payload.path("revision").asInt(),
                    payload.path("reason").asText(""), writtenAt);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a notice payload: " + e.getMessage(), e);
        }
    }

    public static Notice fromJson(String payloadJson, Instant writtenAt) {
        return fromTree(toTree(payloadJson), writtenAt);
    }
}
