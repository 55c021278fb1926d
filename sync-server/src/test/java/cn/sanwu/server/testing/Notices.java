package cn.sanwu.server.testing;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Notice payloads as the client's outbox writes them: {id, status, revision, reason, content}. */
public final class Notices {

    public static final String VILLAGE = "219901101201";
    public static final String OTHER_VILLAGE = "219901101202";

    private Notices() {
    }

    public static JsonNode payload(UUID id, int revision, String village, String title) {
        return payload(id, revision, village, title, "");
    }

    public static JsonNode payload(UUID id, int revision, String village, String title, String body) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id.toString());
        p.put("status", "DRAFT");
        p.put("revision", revision);
        p.put("reason", "");
        p.put("content", new NoticeContent(village, "CW-01", Period.parse("2026-Q3"), title, body, List.of(), null, null));
        return ModelJson.mapper().valueToTree(p);
    }

    /** A first push of a new notice: base 0, revision 1. */
    public static SyncProtocol.Mutation newNotice(UUID id, String village, String title) {
        return new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0, payload(id, 1, village, title));
    }

    public static SyncProtocol.Request push(long cursor, SyncProtocol.Mutation... mutations) {
        return new SyncProtocol.Request(SyncProtocol.VERSION, cursor, List.of(mutations));
    }
}
