package cn.sanwu.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.sync.SyncStatus;
import cn.sanwu.client.task.BackgroundRunner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The status bar says only what the store knows: offline, syncing, synced at hh:mm, waiting, refused, conflicts. */
class StatusBarViewModelTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant AT = Instant.parse("2026-11-28T06:05:00Z");

    private static String describe(SyncStatus s) {
        return StatusBarViewModel.describe(s, SHANGHAI);
    }

    @Test
    void neverSyncedIsOfflineWithTheWaitingCount() {
        assertThat(describe(new SyncStatus(3, 0, 0, 0, null, null))).isEqualTo("离线，3 项待上传");
    }

    @Test
    void aRequestInFlightIsSyncing() {
        assertThat(describe(new SyncStatus(3, 2, 0, 0, AT, null))).isEqualTo("同步中，3 项待上传");
    }

    @Test
    void lastAttemptSucceededIsSyncedAtTheClerksLocalTime() {
        assertThat(describe(new SyncStatus(0, 0, 0, 0, AT, null))).isEqualTo("已同步 14:05");
        assertThat(describe(new SyncStatus(2, 0, 0, 0, AT, null))).isEqualTo("已同步 14:05，2 项待上传");
    }

    @Test
    void aFailureAfterASuccessIsOfflineAgainAndRefusedChangesAreSaid() {
        assertThat(describe(new SyncStatus(2, 0, 0, 0, AT, "连接超时"))).isEqualTo("离线，2 项待上传");
        assertThat(describe(new SyncStatus(0, 0, 0, 1, AT, null))).as("refusals have their own link").isEqualTo("已同步 14:05");
    }

    @Test
    void conflictsHaveTheirOwnTextForTheLinkToTheConflictScreen() {
        AtomicReference<SyncStatus> store = new AtomicReference<>(new SyncStatus(1, 0, 2, 0, null, null));
        StatusBarViewModel vm = new StatusBarViewModel(store::get, BackgroundRunner.direct(), SHANGHAI);
        vm.refresh();
        assertThat(vm.syncTextProperty().get()).isEqualTo("离线，1 项待上传");
        assertThat(vm.conflictTextProperty().get()).isEqualTo("2 个冲突");
        assertThat(vm.conflictCountProperty().get()).isEqualTo(2);
        store.set(new SyncStatus(1, 0, 0, 0, null, null));
        vm.refresh();
        assertThat(vm.conflictTextProperty().get()).isEmpty();
    }
}
