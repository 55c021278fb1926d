package cn.sanwu.model.log;

/** Checks one key's signatures on note text; the counterpart of {@link NoteSigner}. */
public interface NoteVerifier {

    String keyName();

    int keyId();

    /** True when {@code signature} is this key's valid signature of {@code noteText}; never throws. */
    boolean verify(byte[] noteText, byte[] signature);
}
