package cn.sanwu.model.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads merkle-vectors.txt, the output of merkle_vectors.py (same folder in test resources): known
 * answers computed by an independent Python implementation of RFC 6962 §2.1.
 */
final class MerkleVectors {

    record Proof(long first, long second, List<byte[]> path) {
    }

    final Map<Long, byte[]> roots = new LinkedHashMap<>();
    final List<Proof> inclusions = new ArrayList<>();
    final List<Proof> consistencies = new ArrayList<>();
    final Map<String, String> values = new LinkedHashMap<>();

    static MerkleVectors load() {
        try (InputStream in = MerkleVectors.class.getResourceAsStream("merkle-vectors.txt")) {
            if (in == null) {
                throw new IllegalStateException("merkle-vectors.txt missing from test resources");
            }
            MerkleVectors vectors = new MerkleVectors();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                vectors.read(line);
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] f = line.split(" ", 2);
        switch (f[0]) {
            case "root" -> {
                String[] p = f[1].split(" ");
                roots.put(Long.parseLong(p[0]), hex(p[1]));
            }
            case "inclusion", "consistency" -> {
                String[] p = f[1].split(" ");
                Proof proof = new Proof(Long.parseLong(p[0]), Long.parseLong(p[1]), hexList(p[2]));
                (f[0].equals("inclusion") ? inclusions : consistencies).add(proof);
            }
            default -> values.put(f[0], f[1]);
        }
    }

    /** The leaf inputs the Python script uses: ASCII "leaf-0", "leaf-1", … */
    static byte[] leafData(long index) {
        return ("leaf-" + index).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<byte[]> hexList(String commaSeparated) {
        if (commaSeparated.equals("-")) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(MerkleVectors::hex).toList();
    }

    static List<String> toHex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
