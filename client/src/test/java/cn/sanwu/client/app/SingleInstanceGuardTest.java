package cn.sanwu.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.testsupport.HolderMain;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceGuardTest {

    @TempDir
    Path dir;

    @Test
    void secondProcessIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
        try (SingleInstanceGuard mine = SingleInstanceGuard.tryAcquire(dir).orElseThrow();
                HolderMain.Holder other = HolderMain.start("guard", dir)) {
            assertThat(mine.isHeld()).isTrue();
            assertThat(other.answer()).isEqualTo("BUSY");
        }
    }

    @Test
    void secondAcquireInTheSameJvmIsRefusedNotThrown() {
        try (SingleInstanceGuard first = SingleInstanceGuard.tryAcquire(dir).orElseThrow()) {
            // FileChannel.tryLock throws OverlappingFileLockException here; the guard must say "no".
            assertThat(SingleInstanceGuard.tryAcquire(dir)).isEmpty();
            assertThat(first.isHeld()).isTrue();
        }
        try (SingleInstanceGuard again = SingleInstanceGuard.tryAcquire(dir).orElseThrow()) {
            assertThat(again.isHeld()).as("released by close()").isTrue();
        }
    }

    @Test
    void lockIsReleasedWhenTheHolderIsKilled() throws Exception {
        HolderMain.Holder holder = HolderMain.start("guard", dir);
        assertThat(holder.answer()).isEqualTo("HELD");
        assertThat(SingleInstanceGuard.tryAcquire(dir)).as("held by the child").isEmpty();
        holder.process().toHandle().destroyForcibly(); // SIGKILL: no chance to release politely
        assertThat(holder.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Optional<SingleInstanceGuard> after = SingleInstanceGuard.tryAcquire(dir);
        assertThat(after).as("the kernel drops the lock of a dead process").isPresent();
        after.get().close();
    }
}
