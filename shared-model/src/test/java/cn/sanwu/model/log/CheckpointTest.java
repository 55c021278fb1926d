package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.log.CheckpointVerification.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final String ORIGIN = "sanwu.example/log/330102";
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final MerkleVectors VECTORS = MerkleVectors.load();
    private static final Ed25519NoteSigner PYTHON_KEY = Ed25519NoteSigner.fromEncoded(ORIGIN,
            HexFormat.of().parseHex(VECTORS.values.get("ed25519-pkcs8")), HexFormat.of().parseHex(VECTORS.values.get("ed25519-spki")));

    private static Checkpoint sevenLeaves() {
        return new Checkpoint(ORIGIN, 7, VECTORS.roots.get(7L), Instant.parse("2026-11-28T08:30:00.900Z"));
    }

    private static CheckpointVerifier verifierFor(NoteVerifier... keys) {
        return new CheckpointVerifier(ORIGIN, HASHER, List.of(keys));
    }

    /**
     * Ed25519 is deterministic, so the note merkle_vectors.py signed with Python's `cryptography`
     * (fixed key 00 01 … 1f, key ID per c2sp.org/signed-note) must come out byte for byte the same.
     */
    @Test
    void signedNoteMatchesPythonByteForByte() {
        String expected = new String(Base64.getDecoder().decode(VECTORS.values.get("checkpoint-note")), StandardCharsets.UTF_8);
        assertThat(String.format("%08x", PYTHON_KEY.keyId())).isEqualTo(VECTORS.values.get("key-id")).isEqualTo("cb609b4a");
        assertThat(sevenLeaves().sign(PYTHON_KEY)).isEqualTo(expected);
        assertThat(expected).startsWith("sanwu.example/log/330102\n7\nCwB/uRXrmyoUb1SxyG7FO2ZPjkVbdmCwtu4T7cDZIcA=\n"
                + "time 2026-11-28T08:30:00Z\n\n— sanwu.example/log/330102 y2CbSm");
        CheckpointVerification verification = verifierFor(PYTHON_KEY.verifier()).verify(expected);
        assertThat(verification.outcome()).isEqualTo(Outcome.VALID);
        assertThat(verification.checkpoint()).isEqualTo(sevenLeaves());
    }

    /**
     * Every byte of the note replaced by other values: by default the 8 single-bit flips and 8
     * values that matter to the parser (NUL, newline, space, '+', '=', 'A', 0x80, 0xff), about
     * 3,000 notes; with {@code -Dsanwu.log.exhaustive=true} all 255 other values (about 56,000
     * notes, each surviving parser run costs an Ed25519 verification: tens of seconds here).
     */
    @Test
    void everySingleByteChangeOfTheNoteIsRejected() {
        byte[] note = sevenLeaves().sign(PYTHON_KEY).getBytes(StandardCharsets.UTF_8);
        CheckpointVerifier verifier = verifierFor(PYTHON_KEY.verifier());
        boolean exhaustive = Boolean.getBoolean("sanwu.log.exhaustive");
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (int position = 0; position < note.length; position++) {
            for (int value : replacements(note[position] & 0xff, exhaustive)) {
                byte[] changed = note.clone();
                changed[position] = (byte) value;
                checked++;
                if (verifier.verify(changed).isValid()) {
                    accepted.add("byte " + position + " -> " + value);
                }
            }
        }
        System.out.println("checkpoint byte changes checked: " + checked + (exhaustive ? " (exhaustive)" : ""));
        assertThat(accepted).isEmpty();
    }

    private static Set<Integer> replacements(int original, boolean exhaustive) {
        Set<Integer> values = new TreeSet<>();
        if (exhaustive) {
            IntStream.range(0, 256).forEach(values::add);
        } else {
            IntStream.range(0, 8).forEach(bit -> values.add(original ^ (1 << bit)));
            values.addAll(List.of(0x00, (int) '\n', (int) ' ', (int) '+', (int) '=', (int) 'A', 0x80, 0xff));
        }
        values.remove(original);
        return values;
    }

    @Test
    void truncatedOrExtendedNotesAreRejected() {
        byte[] note = sevenLeaves().sign(PYTHON_KEY).getBytes(StandardCharsets.UTF_8);
        CheckpointVerifier verifier = verifierFor(PYTHON_KEY.verifier());
        for (int length = 0; length < note.length; length++) {
            assertThat(verifier.verify(Arrays.copyOf(note, length)).isValid()).as("first %d bytes", length).isFalse();
        }
        for (int value = 0; value < 256; value++) {
            byte[] longer = Arrays.copyOf(note, note.length + 1);
            longer[note.length] = (byte) value;
            assertThat(verifier.verify(longer).isValid()).as("appended %d", value).isFalse();
        }
    }

    @Test
    void reasonsAreSpecific() {
        Ed25519NoteSigner other = Ed25519NoteSigner.of(ORIGIN, Ed25519NoteSigner.generateKeyPair());
        String note = sevenLeaves().sign(PYTHON_KEY);

        assertThat(verifierFor(other.verifier()).verify(note).outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        assertThat(new CheckpointVerifier("sanwu.example/log/330103", HASHER, List.of(PYTHON_KEY.verifier()))
                .verify(note).outcome()).isEqualTo(Outcome.WRONG_ORIGIN);
        // A key claiming the log's name and key ID whose public key differs: its signature check fails.
        NoteVerifier impostor = new NoteVerifier() {
            public String keyName() {
                return ORIGIN;
            }

            public int keyId() {
                return PYTHON_KEY.keyId();
            }

            public boolean verify(byte[] noteText, byte[] signature) {
                return other.verifier().verify(noteText, signature);
            }
        };
        CheckpointVerification bad = verifierFor(impostor).verify(note);
        assertThat(bad.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(bad.outcome().label()).isEqualTo("检查点签名无效");
        assertThat(bad.checkpoint()).isNull();
        assertThat(verifierFor(PYTHON_KEY.verifier()).verify("not a note").outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void malformedTextIsRejectedEvenWhenSigned() {
        CheckpointVerifier verifier = verifierFor(PYTHON_KEY.verifier());
        String root = Base64.getEncoder().encodeToString(VECTORS.roots.get(7L));
        String spareBits = root.substring(0, 42) + (char) (root.charAt(42) + 1) + "=";
        List<String> texts = List.of(
                ORIGIN + "\n07\n" + root + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + "\n7\n" + spareBits + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + "\n7\n" + root.substring(0, 43) + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + "\n7\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + "\n7\n" + root + "\n",
                ORIGIN + "\n7\n" + root + "\ntime 2026-11-28T08:30:00Z\nextra line\n",
                ORIGIN + "\n7\n" + root + "\ntime 2026-11-28T08:30:00.5Z\n",
                ORIGIN + "\n7\n" + root + "\ntime 2026-11-28T16:30:00+08:00\n",
                ORIGIN + "\n-1\n" + root + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + "\n99999999999999999999\n" + root + "\ntime 2026-11-28T08:30:00Z\n",
                ORIGIN + " x\n7\n" + root + "\ntime 2026-11-28T08:30:00Z\n");
        for (String text : texts) {
            String signed = SignedNote.sign(text, List.of(PYTHON_KEY));
            assertThat(verifier.verify(signed).outcome()).as(text).isEqualTo(Outcome.MALFORMED);
        }
        String good = sevenLeaves().sign(PYTHON_KEY);
        assertThat(verifier.verify(good.replace("\n", "\r\n")).outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(verifier.verify(good.substring(0, good.indexOf("\n\n") + 1)).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void unknownSignaturesAreIgnoredAndKeysCanRotate() {
        KeyPair newPair = Ed25519NoteSigner.generateKeyPair();
        Ed25519NoteSigner next = Ed25519NoteSigner.of(ORIGIN, newPair);
        Ed25519NoteSigner witness = Ed25519NoteSigner.of("witness.example/w1", Ed25519NoteSigner.generateKeyPair());
        String cosigned = sevenLeaves().sign(PYTHON_KEY, witness, next);
        assertThat(verifierFor(PYTHON_KEY.verifier()).verify(cosigned).isValid()).isTrue();
        assertThat(verifierFor(next.verifier()).verify(cosigned).isValid()).isTrue();
        Ed25519NoteSigner stranger = Ed25519NoteSigner.of(ORIGIN, Ed25519NoteSigner.generateKeyPair());
        assertThat(verifierFor(stranger.verifier()).verify(cosigned).outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        CheckpointVerification both = verifierFor(PYTHON_KEY.verifier(), next.verifier()).verify(cosigned);
        assertThat(both.detail()).contains("2 trusted");
    }

    @Test
    void verifierKeyTextRoundTripsAndChecksItsKeyId() {
        String text = PYTHON_KEY.verifier().verifierKey();
        assertThat(text).startsWith(ORIGIN + "+cb609b4a+");
        Ed25519NoteVerifier parsed = Ed25519NoteVerifier.parseVerifierKey(text);
        assertThat(parsed.keyId()).isEqualTo(PYTHON_KEY.keyId());
        assertThat(parsed.x509Encoded()).isEqualTo(HexFormat.of().parseHex(VECTORS.values.get("ed25519-spki")));
        assertThatThrownBy(() -> Ed25519NoteVerifier.parseVerifierKey(text.replace("+cb609b4a+", "+cb609b4b+")))
                .hasMessageContaining("key ID");
        assertThatThrownBy(() -> Ed25519NoteVerifier.parseVerifierKey("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mismatchedKeyPairIsRefused() {
        KeyPair a = Ed25519NoteSigner.generateKeyPair();
        KeyPair b = Ed25519NoteSigner.generateKeyPair();
        assertThatThrownBy(() -> Ed25519NoteSigner.fromEncoded(ORIGIN, a.getPrivate().getEncoded(), b.getPublic().getEncoded()))
                .hasMessageContaining("do not belong together");
        assertThatThrownBy(() -> Ed25519NoteSigner.of("bad name", a)).hasMessageContaining("key name");
    }
}
