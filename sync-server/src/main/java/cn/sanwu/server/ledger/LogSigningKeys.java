package cn.sanwu.server.ledger;

import cn.sanwu.model.log.Ed25519NoteSigner;
import cn.sanwu.model.log.Ed25519NoteVerifier;
import cn.sanwu.model.log.NoteSigner;
import cn.sanwu.model.log.NoteVerifier;
import cn.sanwu.server.config.LogConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The log's signing keys, kept in a file outside the database (docs/operations.md "Key rotation"):
 * whoever can write the database must not also be able to sign checkpoints over what they wrote.
 * One key a line, {@code <algorithm> <base64 PKCS#8 private key> <base64 X.509 public key>}, lines
 * starting with {@code #} are comments. Every key in the file signs every checkpoint, which is how
 * a rotation overlaps: add the new key, let verifiers learn it, retire the old one. Retiring
 * deletes the private key and keeps the public one as {@code retired-<algorithm> <X.509>}, so the
 * audit still checks checkpoints signed before the rotation. Only
 * {@code ed25519} exists today; an SM2 line would need a Bouncy Castle signer (ADR 0017).
 * Immutable once loaded.
 */
public final class LogSigningKeys {

    static final String ED25519 = "ed25519";
    static final String RETIRED = "retired-";

    private final List<Ed25519NoteSigner> signers;
    private final List<Ed25519NoteVerifier> retired;

    private LogSigningKeys(List<Ed25519NoteSigner> signers, List<Ed25519NoteVerifier> retired) {
        this.signers = List.copyOf(signers);
        this.retired = List.copyOf(retired);
    }

    /** The configured keys; a first start with no key file creates one holding a new key. */
    public static LogSigningKeys loadOrCreate(LogConfig config) {
        if (!Files.exists(config.keyFile())) {
            add(config);
        }
        return load(config);
    }

    public static LogSigningKeys load(LogConfig config) {
        List<Ed25519NoteSigner> signers = new ArrayList<>();
        List<Ed25519NoteVerifier> retired = new ArrayList<>();
        for (Line line : read(config.keyFile())) {
            if (line.pkcs8() == null) {
                retired.add(line.verifier(config.origin()));
            } else {
                signers.add(line.signer(config.origin()));
            }
        }
        if (signers.isEmpty()) {
            throw new IllegalStateException("the log key file " + config.keyFile() + " holds no signing key");
        }
        return new LogSigningKeys(signers, retired);
    }

    /** Adds a new Ed25519 key to the file (creating it) and answers its verifier key. */
    public static String add(LogConfig config) {
        KeyPair pair = Ed25519NoteSigner.generateKeyPair();
        List<Line> lines = Files.exists(config.keyFile()) ? read(config.keyFile()) : new ArrayList<>();
        Line line = new Line(ED25519, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
        lines.add(line);
        write(config.keyFile(), lines);
        return line.signer(config.origin()).verifier().verifierKey();
    }

    /**
     * Removes the key whose 8-hex-digit key ID is {@code keyIdHex}; refuses to remove the last one
     * (the log could no longer sign). Answers false when no such key is in the file.
     */
    public static boolean retire(LogConfig config, String keyIdHex) {
        List<Line> lines = read(config.keyFile());
        List<Line> kept = new ArrayList<>();
        boolean found = false;
        for (Line l : lines) {
            boolean match = l.pkcs8() != null
                    && String.format(Locale.ROOT, "%08x", l.verifier(config.origin()).keyId()).equalsIgnoreCase(keyIdHex.strip());
            kept.add(match ? new Line(l.algorithm(), null, l.x509()) : l);
            found |= match;
        }
        if (!found) {
            return false;
        }
        if (kept.stream().noneMatch(l -> l.pkcs8() != null)) {
            throw new IllegalArgumentException("refusing to retire the only log signing key: add a new one first");
        }
        write(config.keyFile(), kept);
        return true;
    }

    public List<NoteSigner> signers() {
        return List.copyOf(signers);
    }

    /** The keys that sign now. */
    public List<NoteVerifier> verifiers() {
        return signers.stream().map(s -> (NoteVerifier) s.verifier()).toList();
    }

    /** The signing keys and the retired ones: what the audit trusts for checkpoints of any age. */
    public List<NoteVerifier> allVerifiers() {
        List<NoteVerifier> all = new ArrayList<>(verifiers());
        all.addAll(retired);
        return all;
    }

    /** The public keys in {@code <name>+<key ID>+<base64>} form, for configuration and the board. */
    public List<String> verifierKeys() {
        return signers.stream().map(s -> s.verifier().verifierKey()).toList();
    }

    private record Line(String algorithm, byte[] pkcs8, byte[] x509) {
        Ed25519NoteSigner signer(String origin) {
            return Ed25519NoteSigner.fromEncoded(origin, pkcs8, x509);
        }

        Ed25519NoteVerifier verifier(String origin) {
            return Ed25519NoteVerifier.fromX509(origin, x509);
        }

        String text() {
            Base64.Encoder b64 = Base64.getEncoder();
            return pkcs8 == null ? RETIRED + algorithm + " " + b64.encodeToString(x509)
                    : algorithm + " " + b64.encodeToString(pkcs8) + " " + b64.encodeToString(x509);
        }
    }

    private static List<Line> read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the log key file " + file + ": " + e.getMessage(), e);
        }
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : text) {
            n++;
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            boolean active = parts.length == 3 && parts[0].equals(ED25519);
            boolean retiredKey = parts.length == 2 && parts[0].equals(RETIRED + ED25519);
            if (!active && !retiredKey) {
                throw new IllegalStateException("log key file " + file + " line " + n + ": expected 'ed25519 <private> <public>'"
                        + " or 'retired-ed25519 <public>' (other algorithms such as SM2 are not built in)");
            }
            try {
                Base64.Decoder d = Base64.getDecoder();
                lines.add(active ? new Line(ED25519, d.decode(parts[1]), d.decode(parts[2]))
                        : new Line(ED25519, null, d.decode(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("log key file " + file + " line " + n + ": not base64", e);
            }
        }
        return lines;
    }

    /** Writes a temporary file readable by the owner only, then renames it over the old one. */
    private static void write(Path file, List<Line> lines) {
        StringBuilder out = new StringBuilder("# Sanwu transparency-log signing keys: <algorithm> <PKCS#8> <X.509>, base64.\n"
                + "# Secret. Every key listed signs every checkpoint. See docs/operations.md, key rotation.\n");
        for (Line l : lines) {
            out.append(l.text()).append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the data directory's ACL is what protects it (docs/operations.md).
            }
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the log key file " + file + ": " + e.getMessage(), e);
        }
    }
}
