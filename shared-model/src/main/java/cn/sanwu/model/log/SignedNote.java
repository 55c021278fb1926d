package cn.sanwu.model.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A c2sp.org/signed-note: text ending in a newline, a blank line, then one or more lines
 * {@code — <key name> base64(4-byte key ID || signature)}. Parsing is strict — valid UTF-8, no
 * control characters but newline, canonical base64 only — so that no two byte strings carry the
 * same signed meaning and every changed byte is noticed.
 */
public final class SignedNote {

    /** Verifiers must accept at least 16 signatures; more than this is refused as a resource guard. */
    public static final int MAX_SIGNATURES = 32;
    public static final int MAX_NOTE_BYTES = 128 * 1024;

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    /** One signature line. */
    public record Signature(String keyName, int keyId, byte[] signature) {
        public Signature {
            Objects.requireNonNull(keyName, "keyName");
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    private final String text;
    private final List<Signature> signatures;

    private SignedNote(String text, List<Signature> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    /** The signed text, including its final newline but not the blank line. */
    public String text() {
        return text;
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /** Signs {@code text} (which must end in a newline) with each signer, in order. */
    public static String sign(String text, List<? extends NoteSigner> signers) {
        if (!text.endsWith("\n") || text.endsWith("\n\n")) {
            throw new IllegalArgumentException("note text must end in exactly one newline");
        }
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a note needs at least one signature");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder note = new StringBuilder(text).append('\n');
        for (NoteSigner signer : signers) {
            byte[] signature = signer.sign(message);
            byte[] line = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature).array();
            note.append(SIGNATURE_PREFIX).append(NoteKeys.requireValidKeyName(signer.keyName())).append(' ')
                    .append(Base64.getEncoder().encodeToString(line)).append('\n');
        }
        return note.toString();
    }

    /** Parses a signed note; {@link IllegalArgumentException} with the reason when malformed. */
    public static SignedNote parse(byte[] note) {
        if (note.length > MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("note longer than " + MAX_NOTE_BYTES + " bytes");
        }
        String s = decodeStrictUtf8(note);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("control character U+" + String.format("%04X", (int) c) + " in note");
            }
        }
        if (!s.endsWith("\n")) {
            throw new IllegalArgumentException("note does not end in a newline");
        }
        int blank = s.lastIndexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("note has no blank line before its signatures");
        }
        String text = s.substring(0, blank + 1);
        String[] lines = s.substring(blank + 2).split("\n", -1);
        // The block ends in a newline, so the split leaves one empty string after the last line.
        if (lines.length - 1 > MAX_SIGNATURES) {
            throw new IllegalArgumentException("note has more than " + MAX_SIGNATURES + " signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (String line : Arrays.asList(lines).subList(0, lines.length - 1)) {
            signatures.add(parseSignatureLine(line));
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("note has no signature");
        }
        return new SignedNote(text, signatures);
    }

    private static Signature parseSignatureLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("signature line does not start with an em dash and a space");
        }
        String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
        if (parts.length != 2 || !NoteKeys.isValidKeyName(parts[0])) {
            throw new IllegalArgumentException("signature line must read \"— <key name> <base64>\"");
        }
        byte[] decoded = decodeCanonicalBase64(parts[1], "signature");
        if (decoded.length < 5) {
            throw new IllegalArgumentException("signature too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(decoded);
        int keyId = buffer.getInt();
        return new Signature(parts[0], keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
    }

    /**
     * Standard base64 with padding, and only the one spelling of each byte string: the decoder
     * alone would accept missing padding and ignore the spare bits of the last character.
     */
    static byte[] decodeCanonicalBase64(String text, String what) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new IllegalArgumentException(what + " is not canonical base64");
        }
        return decoded;
    }

    private static String decodeStrictUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("note is not valid UTF-8");
        }
    }
}
