package cn.sanwu.client.sync;

import cn.sanwu.client.print.SheetFiles;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * 导出日志检查点: the signed checkpoint this PC last verified ({@link LogWatch}), written byte for
 * byte as the server signed it, so an auditor can hand it to {@code admin audit --checkpoint FILE}
 * (docs/operations.md). A checkpoint the server signed and a village PC kept is evidence the server
 * cannot take back: a log rewritten after it no longer extends it, and the audit says so. After a
 * failed log check the PC keeps the old checkpoint, which is then exactly the one to export.
 */
public final class LogCheckpointExport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private LogCheckpointExport() {
    }

    /** The stored signed note, if this PC has checked the log at least once. */
    public static Optional<String> stored(SettingsRepository settings) {
        return settings.get(LogWatch.CHECKPOINT).filter(note -> !note.isBlank());
    }

    /** What was written, and the tree size its checkpoint vouches for. */
    public record Exported(Path file, long treeSize) {
    }

    /** The tree size the stored checkpoint vouches for. */
    public static long treeSize(String note) {
        return Checkpoint.parseNoteText(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)).text(), 32).treeSize();
    }

    /** A file name like {@code sanwu-checkpoint-1520-20261129-071500.txt} (size, China time). */
    public static String defaultFileName(String note, Clock clock) {
        return "sanwu-checkpoint-" + treeSize(note) + "-" + STAMP.format(clock.instant().atZone(ZoneId.of("Asia/Shanghai")))
                + ".txt";
    }

    /**
     * Writes the stored checkpoint to {@code target} atomically (a half-written file never has the
     * final name); empty when there is none yet, and then nothing is written.
     */
    public static Optional<Exported> export(SettingsRepository settings, Path target) {
        Optional<String> note = stored(settings);
        if (note.isEmpty()) {
            return Optional.empty();
        }
        try {
            SheetFiles.writeAtomically(target, tmp -> Files.writeString(tmp, note.get(), StandardCharsets.UTF_8));
            return Optional.of(new Exported(target, treeSize(note.get())));
        } catch (IOException e) {
            throw new StoreException("无法写入检查点文件：" + target + "（" + e.getMessage() + "）", e);
        }
    }
}
