package cn.sanwu.client.notice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.review.ReviewInfo;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.task.Debounce;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 更正 in the village editor: a published notice offers 更正…; a blank or overlong reason changes
 * nothing; a good one opens a draft carrying the public reason (in the outgoing payload) while the
 * publication in force stays listed as in force; the server's later versions build the history
 * (superseded, withdrawn) on this PC.
 */
class CorrectionViewModelTest {

    @TempDir
    Path dir;

    private final CatalogItem item = TestStores.CATALOG.find("F02").orElseThrow();
    private final Period october = new Period.Month(YearMonth.of(2026, 10));

    /** Writes the server's version of {@code n} as the sync engine does. */
    private static Notice server(Database db, NoticeService service, Notice n, NoticeStatus status, int revision, String reason,
            ObjectNode review) {
        Notice next = new Notice(n.id(), n.content(), status, revision, reason, n.updatedAt());
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        extras.set("review", review);
        db.inTransaction(c -> {
            service.writeWithoutOutbox(c, next, new ReviewInfo(extras));
            return null;
        });
        return next;
    }

    private static ObjectNode published(String number, String supersedes, String correction) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("approvedAt", "2026-11-20T02:00:00Z");
        r.put("approvedBy", "王芳");
        r.put("publicationNumber", number);
        r.put("publishedAt", "2026-11-20T02:00:00Z");
        r.put("postingFrom", "2026-11-20");
        r.put("postingTo", "2026-12-19");
        if (supersedes != null) {
            r.put("supersedes", supersedes);
            r.put("correctionReason", correction);
        }
        return r;
    }

    @Test
    void badReasonsChangeNothingAndAGoodOneOpensACorrectionThatKeepsThePublicationInForce() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Notice draft = service.save(service.newDraft(TestStores.VILLAGE, item, october, "十月收支", "正文"));
            Notice pub = server(db, service, draft, NoticeStatus.PUBLISHED, 4, "", published("219901101201-2026-0001", null, null));
            int pending = service.pendingUploads();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, item, pub, Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.canCorrectProperty().get()).isTrue();
            assertThat(vm.readOnlyProperty().get()).isTrue();
            assertThat(vm.history()).singleElement().asString().contains("219901101201-2026-0001").contains("现行有效");

            assertThat(vm.correct("   ")).hasValueSatisfying(m -> assertThat(m).contains("请填写更正理由"));
            assertThat(vm.correct("错".repeat(2001))).hasValueSatisfying(m -> assertThat(m).contains("最多 2000 字"));
            assertThat(service.find(pub.id()).orElseThrow().status()).isEqualTo(NoticeStatus.PUBLISHED);
            assertThat(service.find(pub.id()).orElseThrow().revision()).isEqualTo(4);
            assertThat(service.pendingUploads()).as("nothing queued for the server").isEqualTo(pending);

            assertThat(vm.correct("  支出金额录入错误  ")).isEmpty();
            Notice corrected = vm.current();
            assertThat(corrected.status()).isEqualTo(NoticeStatus.DRAFT);
            assertThat(corrected.revision()).isEqualTo(5);
            assertThat(vm.readOnlyProperty().get()).isFalse();
            assertThat(vm.canCorrectProperty().get()).isFalse();
            assertThat(vm.reviewTextProperty().get()).contains("更正中，理由：支出金额录入错误")
                    .contains("公开编号 219901101201-2026-0001 在更正公开前继续有效");
            assertThat(service.reviewInfo(pub.id()).villageFields().path("correctionReason").asText())
                    .as("travels with the push").isEqualTo("支出金额录入错误");
            // Later edits keep the reason: every push of the correction carries it.
            vm.bodyProperty().set("正文（更正）");
            assertThat(vm.flush()).isTrue();
            assertThat(service.reviewInfo(pub.id()).correctionReason()).isEqualTo("支出金额录入错误");
            assertThat(vm.history()).singleElement().asString().contains("现行有效");
        }
    }

    @Test
    void theServersVersionsBuildTheHistorySupersededThenWithdrawn() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Notice draft = service.save(service.newDraft(TestStores.VILLAGE, item, october, "十月收支", "正文"));
            Notice first = server(db, service, draft, NoticeStatus.PUBLISHED, 4, "", published("219901101201-2026-0001", null, null));
            Notice second = server(db, service, first, NoticeStatus.PUBLISHED, 9, "",
                    published("219901101201-2026-0002", "219901101201-2026-0001", "金额录入错误"));
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, item, second, Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.history()).hasSize(2);
            assertThat(vm.history().get(0)).contains("219901101201-2026-0002").contains("更正理由：金额录入错误").contains("现行有效");
            assertThat(vm.history().get(1)).contains("219901101201-2026-0001").contains("已被 219901101201-2026-0002 更正取代");

            ObjectNode withdrawn = published("219901101201-2026-0002", "219901101201-2026-0001", "金额录入错误");
            withdrawn.put("withdrawnAt", "2026-11-25T02:00:00Z");
            Notice gone = server(db, service, second, NoticeStatus.WITHDRAWN, 10, "村民会议决定撤回", withdrawn);
            vm = new NoticeEditorViewModel(service, item, gone, Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.history().get(0)).contains("已撤回（2026年11月25日）：村民会议决定撤回");
            assertThat(vm.reviewTextProperty().get()).contains("已撤回：村民会议决定撤回");
            assertThat(vm.canCorrectProperty().get()).as("a withdrawn notice cannot be corrected").isFalse();
            assertThat(vm.correct("再更正")).isPresent();
            assertThat(service.find(gone.id()).orElseThrow().status()).isEqualTo(NoticeStatus.WITHDRAWN);
        }
    }
}
