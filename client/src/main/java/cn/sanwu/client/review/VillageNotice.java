package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One notice of the township's villages as the server lists it for 村账乡管 ({@code GET
 * /api/v1/review/notices}): what it is for (village, item, period), its state, whether the township
 * entered it, and whether the township may edit it now — {@code lockedReason} is the server's own
 * refusal text when not. Immutable.
 */
public record VillageNotice(UUID noticeId, String villageCode, String villageName, int revision, NoticeStatus status,
        String itemCode, String periodCode, String title, boolean enteredByTownship, boolean filing, boolean editable,
        String lockedReason) {

    static VillageNotice of(JsonNode n) {
        return new VillageNotice(UUID.fromString(n.path("noticeId").asText()), n.path("villageCode").asText(),
                n.path("villageName").asText(), n.path("revision").asInt(), NoticeStatus.valueOf(n.path("status").asText()),
                n.path("itemCode").asText(), n.path("period").asText(), n.path("title").asText(),
                n.path("enteredByTownship").asBoolean(), n.path("filing").asBoolean(), n.path("editable").asBoolean(),
                n.path("lockedReason").isNull() ? "" : n.path("lockedReason").asText(""));
    }

    /** The period as people say it (2026年10月), or the code when it is not one the model knows. */
    public String periodZh() {
        try {
            return Period.parse(periodCode).displayZh();
        } catch (IllegalArgumentException e) {
            return periodCode;
        }
    }

    /** The status as the township names it (草稿 / 已提交 / 已退回 / 已审核 / 已公开 …). */
    public String statusZh() {
        return status.nameZh();
    }

    /** Who entered the content: 乡镇录入 or 村录入. */
    public String authorZh() {
        return I18n.t(enteredByTownship ? "township.enteredByTownship" : "township.enteredByVillage");
    }

    /** The list line: village, item and period, title, state, author, and 只读 when locked. */
    public String label() {
        return I18n.t(editable ? "township.noticeLine" : "township.noticeLineLocked", villageName, itemCode, periodZh(), title,
                statusZh(), authorZh());
    }
}
