package cn.sanwu.server.sync;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.Sha256;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/**
 * Reads and checks a notice mutation's payload, the JSON the client's outbox stores:
 * {@code {id, status, revision, reason, content}} with {@code content} a shared-model
 * {@link NoticeContent}. Stateless.
 */
public final class NoticePayload {

    /** A payload that passed the checks. {@code json} is what is stored and sent to other devices. */
    public record Checked(String villageCode, int revision, String json, String hash, JsonNode tree, NoticeContent content,
            NoticeStatus status) {
    }

    /** Why a payload was refused; the message is shown to the clerk. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private NoticePayload() {
    }

    static Checked check(SyncProtocol.Mutation m) throws Invalid {
        if (!SyncProtocol.ENTITY_NOTICE.equals(m.entityType())) {
            throw new Invalid("不支持的数据类型：" + m.entityType());
        }
        JsonNode p = m.payload();
        if (p == null || !p.isObject()) {
            throw new Invalid("公告数据缺失或格式无效。");
        }
        if (!m.entityId().toString().equals(p.path("id").asText())) {
            throw new Invalid("公告编号与数据不一致。");
        }
        JsonNode revision = p.get("revision");
        if (revision == null || !revision.canConvertToInt() || !revision.isIntegralNumber()) {
            throw new Invalid("公告版本号无效。");
        }
        if (revision.intValue() <= m.baseRevision()) {
            throw new Invalid("公告版本号必须大于基础版本号（" + m.baseRevision() + "）。");
        }
        NoticeStatus status;
        try {
            status = NoticeStatus.valueOf(p.path("status").asText());
        } catch (IllegalArgumentException e) {
            throw new Invalid("公告状态无效：" + p.path("status").asText());
        }
        NoticeContent content;
        try {
            content = ModelJson.mapper().treeToValue(p.get("content"), NoticeContent.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new Invalid("公告内容格式无效。");
        }
        if (content == null) {
            throw new Invalid("公告内容缺失。");
        }
        return new Checked(content.villageCode(), revision.intValue(), p.toString(), hash(p), p, content, status);
    }

    /**
     * SHA-256 of the payload's canonical JSON (sorted keys, NFC, integers only), so a retry that
     * re-serialised the same payload with other key order or spacing still counts as the same.
     */
    static String hash(JsonNode payload) throws Invalid {
        try {
            Object tree = ModelJson.mapper().convertValue(payload, Object.class);
            return HexFormat.of().formatHex(Sha256.INSTANCE.digest(CanonicalJson.toBytes(tree)));
        } catch (IllegalArgumentException e) {
            throw new Invalid("公告数据含有不允许的数值（只允许整数）。");
        }
    }
}
