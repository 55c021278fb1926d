package cn.sanwu.client.sync;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.CheckpointVerification;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.ConsistencyProof;
import cn.sanwu.model.log.Ed25519NoteVerifier;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.MerkleVerifier;
import cn.sanwu.model.log.NoteVerifier;
import cn.sanwu.model.log.ProofVerdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * This PC as an independent keeper of the server's transparency log (docs/transparency-log.md,
 * docs/sync-client.md): it stores the latest checkpoint it verified and, on every sync, asks for a
 * consistency proof from it to the server's newest one. A server that rewrote or forked its log
 * cannot give one; the PC then keeps its old checkpoint (the evidence) and says so in the status
 * bar on every sync until the log is consistent again. The log's keys are pinned on first use; a
 * checkpoint signed by a key not pinned (after a rotation) is accepted only together with a valid
 * consistency proof from the pinned history, and its keys are pinned then.
 * Never fails a sync: network trouble or an older server without the log routes means "not
 * checked this time". Not thread-safe: SyncService calls it under its own lock.
 */
final class LogWatch {

    static final String CHECKPOINT = "log.checkpoint";
    static final String KEYS = "log.keys";
    static final String PROBLEM = "log.problem";
    static final String CHECKED_AT = "log.checkedAt";
    private static final String CHECKPOINT_PATH = "/api/v1/log/checkpoint";
    private static final String KEYS_PATH = "/api/v1/log/keys";

    private final Database db;
    private final SettingsRepository settings;
    private final MerkleHasher hasher = MerkleHasher.sha256();

    /**
     * Where the log's answers come from: the server online ({@code transport::getText}), or the
     * signed reply of a USB file ({@link #fromBundle}). An IOException means "not checked now".
     */
    @FunctionalInterface
    interface LogSource {
        String getText(String path) throws IOException, SyncTransport.Refused;
    }

    LogWatch(Database db, SettingsRepository settings) {
        this.db = db;
        this.settings = settings;
    }

    /** The warning of the last check, if the log was found inconsistent (kept across restarts). */
    Optional<String> problem() {
        return settings.get(PROBLEM).filter(p -> !p.isBlank());
    }

    /**
     * As {@link #check}, but only when the last good check is older than {@code every} (or a problem
     * stands, which is re-checked on every sync): each check costs one to three small requests,
     * and an idle PC syncs every few minutes over a slow, metered link.
     */
    Optional<String> checkIfDue(LogSource transport, java.time.Instant now, java.time.Duration every) {
        Optional<String> standing = problem();
        Optional<java.time.Instant> last = settings.get(CHECKED_AT).map(java.time.Instant::parse);
        if (standing.isEmpty() && last.isPresent() && last.get().plus(every).isAfter(now) && !last.get().isAfter(now)) {
            return Optional.empty();
        }
        Optional<String> result = check(transport);
        if (result.isEmpty() && settings.get(CHECKPOINT).isPresent()) {
            db.inTransaction(c -> {
                SettingsRepository.put(c, CHECKED_AT, now.toString());
                return null;
            });
        }
        return result;
    }

    /** Checks the server's newest checkpoint against the stored one; answers the warning, if any. */
    Optional<String> check(LogSource transport) {
        try {
            String note = transport.getText(CHECKPOINT_PATH);
            String origin = note.lines().findFirst().orElse("");
            Optional<String> stored = settings.get(CHECKPOINT);
            List<NoteVerifier> pinned = keys(settings.get(KEYS).orElse(""));
            boolean firstUse = pinned.isEmpty();
            if (firstUse) {
                pinned = keys(transport.getText(KEYS_PATH));
            }
            CheckpointVerification latest = new CheckpointVerifier(origin, hasher, pinned).verify(note);
            List<NoteVerifier> keys = pinned;
            if (latest.outcome() == CheckpointVerification.Outcome.UNKNOWN_KEY && !firstUse && stored.isPresent()) {
                // A rotated key: believed only if the log it signs extends the pinned history (below).
                keys = keys(transport.getText(KEYS_PATH));
                latest = new CheckpointVerifier(origin, hasher, keys).verify(note);
            }
            if (!latest.isValid()) {
                return fail(I18n.t("log.invalidCheckpoint", latest.outcome().label()));
            }
            Checkpoint next = latest.checkpoint();
            if (stored.isPresent()) {
                CheckpointVerification old = new CheckpointVerifier(origin, hasher, union(pinned, keys)).verify(stored.get());
                if (!old.isValid()) {
                    return fail(I18n.t("log.otherLog", old.outcome().label()));
                }
                Optional<String> problem = consistent(transport, old.checkpoint(), next);
                if (problem.isPresent()) {
                    return fail(problem.get());
                }
            }
            List<NoteVerifier> accepted = keys;
            String keyText = String.join("\n", accepted.stream().map(k -> ((Ed25519NoteVerifier) k).verifierKey()).toList());
            db.inTransaction(c -> {
                SettingsRepository.put(c, CHECKPOINT, note);
                SettingsRepository.put(c, KEYS, keyText);
                SettingsRepository.put(c, PROBLEM, "");
                return null;
            });
            return Optional.empty();
        } catch (IOException | SyncTransport.Refused e) {
            return problem(); // not checked this time; an earlier warning stands
        } catch (RuntimeException e) {
            return fail(I18n.t("log.unreadable", String.valueOf(e.getMessage())));
        }
    }

    /** Empty when {@code next} provably extends {@code old}; else the Chinese warning. */
    private Optional<String> consistent(LogSource transport, Checkpoint old, Checkpoint next)
            throws IOException, SyncTransport.Refused {
        if (next.treeSize() < old.treeSize()) {
            return Optional.of(I18n.t("log.shrunk", old.treeSize(), next.treeSize()));
        }
        if (next.treeSize() == old.treeSize()) {
            return Arrays.equals(next.rootHash(), old.rootHash()) ? Optional.empty()
                    : Optional.of(I18n.t("log.forked", old.treeSize()));
        }
        ConsistencyProof proof = ModelJson.mapper().readValue(transport.getText(consistencyPath(old.treeSize(),
                next.treeSize())), ConsistencyProof.class);
        if (proof.oldSize() != old.treeSize() || proof.newSize() != next.treeSize()) {
            return Optional.of(I18n.t("log.forked", old.treeSize()));
        }
        ProofVerdict verdict = new MerkleVerifier(hasher).verifyConsistency(proof, old.rootHash(), next.rootHash());
        return verdict.isValid() ? Optional.empty() : Optional.of(I18n.t("log.forked", old.treeSize()));
    }

    /** The size of the checkpoint this PC keeps, for a USB file's request; empty before the first check. */
    Optional<Long> keptSize() {
        return LogCheckpointExport.stored(settings).map(LogCheckpointExport::treeSize);
    }

    /**
     * The log's answers as a USB reply carries them: the checkpoint, the keys, and the one
     * consistency proof the server made from the size the request named. Any other question (the
     * PC's checkpoint changed since the export) is "not checked this time".
     */
    static LogSource fromBundle(cn.sanwu.model.sync.bundle.BundleHeader.LogEvidence evidence) {
        return path -> {
            if (path.equals(CHECKPOINT_PATH)) {
                return evidence.checkpoint();
            }
            if (path.equals(KEYS_PATH)) {
                return String.join("\n", evidence.keys()) + "\n";
            }
            ConsistencyProof proof = evidence.consistency();
            if (proof != null && path.equals(consistencyPath(proof.oldSize(), proof.newSize()))) {
                return ModelJson.mapper().writeValueAsString(proof);
            }
            throw new IOException("not in the reply file: " + path);
        };
    }

    private static String consistencyPath(long from, long to) {
        return "/api/v1/log/consistency?from=" + from + "&to=" + to;
    }

    private Optional<String> fail(String message) {
        db.inTransaction(c -> {
            SettingsRepository.put(c, PROBLEM, message);
            return null;
        });
        return Optional.of(message);
    }

    private static List<NoteVerifier> keys(String lines) {
        List<NoteVerifier> out = new ArrayList<>();
        lines.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> out.add(Ed25519NoteVerifier.parseVerifierKey(l)));
        return out;
    }

    private static List<NoteVerifier> union(List<NoteVerifier> a, List<NoteVerifier> b) {
        List<NoteVerifier> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
