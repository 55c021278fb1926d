package cn.sanwu.client.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The village's review steps on a real client store: what is saved and what the outbox sends. */
class VillageReviewStepsTest {

    @TempDir
    Path dir;

    private static JsonNode lastPayload(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT payload FROM outbox ORDER BY seq DESC")) {
                rs.next();
                try {
                    return JsonMapping.mapper().readTree(rs.getString(1));
                } catch (java.io.IOException e) {
                    throw new java.sql.SQLException(e);
                }
            }
        });
    }

    @Test
    void signOffBindsToTheContentAndTravelsWithTheSubmissionAndAnEditDropsIt() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice n = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "正文"));
            assertThatThrownBy(() -> service.submit(n)).isInstanceOf(StoreException.class).hasMessageContaining("审核意见");

            Notice signed = service.signOff(n, "张监委", "同意公开");
            assertThat(signed.status()).isEqualTo(NoticeStatus.SIGNED_OFF);
            Notice submitted = service.submit(signed);
            assertThat(submitted.status()).isEqualTo(NoticeStatus.SUBMITTED);
            JsonNode sent = lastPayload(db);
            assertThat(sent.path("status").asText()).isEqualTo("SUBMITTED");
            assertThat(sent.path("signOff").path("contentHash").asText())
                    .isEqualTo(NoticeHasher.sha256().hash(n.id(), n.content()).toString());
            assertThat(sent.path("signOff").path("name").asText()).isEqualTo("张监委");
            assertThat(sent.has("review")).as("the township's facts never go back").isFalse();
            assertThatThrownBy(() -> service.save(submitted)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void editingAReturnedNoticeMakesItADraftAgainWithoutTheOldSignOff() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice n = service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "正文"));
            Notice signed = service.signOff(n, "张监委", "同意");
            Notice returned = new Notice(signed.id(), signed.content(), NoticeStatus.RETURNED, signed.revision(), "请补充",
                    signed.updatedAt());
            db.inTransaction(c -> {
                service.writeWithoutOutbox(c, returned, ReviewInfo.of(JsonMapping.mapper().createObjectNode()
                        .set("review", JsonMapping.mapper().createObjectNode().put("returnComment", "请补充"))));
                return null;
            });
            assertThat(service.reviewInfo(n.id()).returnComment()).isEqualTo("请补充");
            Notice fixed = service.save(returned.withContent(new cn.sanwu.model.notice.NoticeContent(n.content().villageCode(),
                    n.content().itemCode(), n.content().period(), n.content().title(), "正文（已补充）", n.content().tables(), null, null)));
            assertThat(fixed.status()).isEqualTo(NoticeStatus.DRAFT);
            assertThat(lastPayload(db).has("signOff")).isFalse();
            assertThat(lastPayload(db).path("status").asText()).isEqualTo("DRAFT");
        }
    }
}
