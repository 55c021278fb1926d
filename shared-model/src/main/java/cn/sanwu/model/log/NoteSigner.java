package cn.sanwu.model.log;

/**
 * Signs note text for a C2SP signed note (docs/transparency-log.md). Ed25519 is the default
 * ({@link Ed25519NoteSigner}); an SM2 signer plugs in here with its own signature type byte.
 */
public interface NoteSigner {

    /** Key name written on the signature line; no spaces or '+'. For the log key, the log's origin. */
    String keyName();

    /** The 32-bit key ID written before the signature (see {@link NoteKeys#keyId}). */
    int keyId();

    /** Signature over the UTF-8 note text (including its final newline). */
    byte[] sign(byte[] noteText);
}
