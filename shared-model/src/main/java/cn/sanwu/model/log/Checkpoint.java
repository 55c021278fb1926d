package cn.sanwu.model.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed tree head in c2sp.org/tlog-checkpoint form. Note text, one item per line:
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal, no leading zeros&gt;
 * &lt;root hash, standard base64&gt;
 * time &lt;UTC instant to the second, e.g. 2026-11-28T08:30:00Z&gt;
 * </pre>
 * The time line is a checkpoint extension line; it is covered by the log's signature.
 *
 * @param origin   the log's identity, e.g. {@code sanwu.example/log/330102}; no spaces or '+'
 * @param treeSize number of leaves
 * @param rootHash MTH of those leaves
 * @param time     when the log signed this head (server clock), whole seconds
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant time) {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final String TIME_PREFIX = "time ";

    public Checkpoint {
        NoteKeys.requireValidKeyName(origin);
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative");
        }
        if (rootHash == null || rootHash.length == 0) {
            throw new IllegalArgumentException("root hash must not be empty");
        }
        rootHash = rootHash.clone();
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text that is signed. */
    public String noteText() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + TIME_PREFIX + time + "\n";
    }

    /** The complete signed note: text, blank line, one signature line per signer. */
    public String sign(NoteSigner... signers) {
        return SignedNote.sign(noteText(), List.of(signers));
    }

    /**
     * Reads note text written by {@link #noteText()}; exactly these four lines, each in its one
     * canonical spelling. {@link IllegalArgumentException} with the reason otherwise.
     */
    public static Checkpoint parseNoteText(String text, int hashSize) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint text does not end in a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length != 4) {
            throw new IllegalArgumentException("checkpoint must have 4 lines (origin, size, root hash, time), has " + lines.length);
        }
        if (!NoteKeys.isValidKeyName(lines[0])) {
            throw new IllegalArgumentException("checkpoint origin is empty or contains spaces or '+'");
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("checkpoint tree size is not a plain decimal number");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint tree size is too large");
        }
        byte[] root = SignedNote.decodeCanonicalBase64(lines[2], "checkpoint root hash");
        if (root.length != hashSize) {
            throw new IllegalArgumentException("checkpoint root hash has " + root.length + " bytes, expected " + hashSize);
        }
        if (!lines[3].startsWith(TIME_PREFIX)) {
            throw new IllegalArgumentException("checkpoint has no time line");
        }
        Instant time;
        try {
            time = Instant.parse(lines[3].substring(TIME_PREFIX.length()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint time is not a UTC instant");
        }
        Checkpoint checkpoint = new Checkpoint(lines[0], size, root, time);
        if (!checkpoint.noteText().equals(text)) {
            throw new IllegalArgumentException("checkpoint time is not in its canonical form (UTC, whole seconds)");
        }
        return checkpoint;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && origin.equals(c.origin) && treeSize == c.treeSize
                && Arrays.equals(rootHash, c.rootHash) && time.equals(c.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), time);
    }

    @Override
    public String toString() {
        return noteText().replace('\n', ' ').strip();
    }
}
