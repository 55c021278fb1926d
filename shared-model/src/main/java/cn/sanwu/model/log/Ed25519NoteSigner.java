package cn.sanwu.model.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Ed25519 note signer on the JDK's own provider. Keys travel as standard encodings: the private
 * key as PKCS#8, the public key as X.509 SubjectPublicKeyInfo ({@code Key.getEncoded()}). The JDK
 * cannot derive the public key from a PKCS#8 private key, so both are given.
 */
public final class Ed25519NoteSigner implements NoteSigner {

    private final PrivateKey privateKey;
    private final Ed25519NoteVerifier verifier;

    private Ed25519NoteSigner(PrivateKey privateKey, Ed25519NoteVerifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    public static Ed25519NoteSigner fromEncoded(String keyName, byte[] pkcs8PrivateKey, byte[] x509PublicKey) {
        Ed25519NoteVerifier verifier = Ed25519NoteVerifier.fromX509(keyName, x509PublicKey);
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8PrivateKey));
            Ed25519NoteSigner signer = new Ed25519NoteSigner(key, verifier);
            // A private key that does not belong to the public key would sign checkpoints nobody can verify.
            byte[] probe = "sanwu key pair check\n".getBytes(StandardCharsets.US_ASCII);
            if (!verifier.verify(probe, signer.sign(probe))) {
                throw new IllegalArgumentException("the Ed25519 private and public keys do not belong together");
            }
            return signer;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** A fresh key pair, for tests and for creating a log's key once (then stored encoded). */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
        }
    }

    public static Ed25519NoteSigner of(String keyName, KeyPair keyPair) {
        return fromEncoded(keyName, keyPair.getPrivate().getEncoded(), keyPair.getPublic().getEncoded());
    }

    /** The matching verifier, to hand to those who check this key's checkpoints. */
    public Ed25519NoteVerifier verifier() {
        return verifier;
    }

    @Override
    public String keyName() {
        return verifier.keyName();
    }

    @Override
    public int keyId() {
        return verifier.keyId();
    }

    @Override
    public byte[] sign(byte[] noteText) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(noteText);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
