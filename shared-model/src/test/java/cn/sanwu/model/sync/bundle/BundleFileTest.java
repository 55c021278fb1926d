package cn.sanwu.model.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFileTest {

    private static final KeyPair DEVICE = BundleKeys.generate();
    private static final UUID BUNDLE = UUID.fromString("0194f5c2-7d4e-7b7a-9c1e-3f2a1b0c9d8e");
    private static final UUID DEVICE_ID = UUID.fromString("fa0fce43-0000-4000-8000-000000000001");

    private static byte[] small() {
        BundleHeader header = BundleHeader.request(SyncProtocol.VERSION, BUNDLE, DEVICE_ID, "219901101201",
                Instant.parse("2026-11-29T03:00:00Z"), BundleKeys.keyId(DEVICE.getPublic()), null);
        return BundleFile.write(BundleFile.Kind.REQUEST, header, new SyncProtocol.Request(1, 17, List.of()), DEVICE.getPrivate());
    }

    @Test
    void roundTripKeepsHeaderAndBody() throws Exception {
        BundleFile.Parsed parsed = BundleFile.parse(small(), BundleFile.DEFAULT_MAX_BYTES);
        parsed.verify(DEVICE.getPublic());
        assertEquals(BundleFile.Kind.REQUEST, parsed.kind());
        assertEquals(BUNDLE, parsed.header().bundleId());
        assertEquals("219901101201", parsed.header().villageCode());
        assertEquals(17, parsed.body(SyncProtocol.Request.class, 1 << 20).cursor());
    }

    /** Every single-byte change (each bit pattern xor 0x01 and xor 0xff) is refused by parse, verify or body. */
    @Test
    void everySingleByteChangeIsRefused() {
        byte[] good = small();
        for (int i = 0; i < good.length; i++) {
            for (int flip : new int[] {0x01, 0xff}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) flip;
                int at = i;
                assertThatThrownBy(() -> readFully(bad)).as("byte %d xor %x", at, flip).isInstanceOf(BundleException.class);
            }
        }
    }

    @Test
    void everyTruncationAndAnAppendedByteAreRefused() {
        byte[] good = small();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> readFully(cut)).isInstanceOf(BundleException.class)
                    .satisfies(e -> assertThat(((BundleException) e).reason()).isIn(Reason.TRUNCATED, Reason.NOT_A_BUNDLE));
        }
        assertThatThrownBy(() -> readFully(Arrays.copyOf(good, good.length + 1))).isInstanceOf(BundleException.class)
                .hasMessageContaining("多余");
    }

    @Test
    void otherFilesHaveClearReasons(@TempDir Path dir) throws Exception {
        assertReason("PK\3\4 a zip file".getBytes(), Reason.NOT_A_BUNDLE);
        assertReason(new byte[0], Reason.NOT_A_BUNDLE);
        byte[] future = small();
        future[8] = 2;
        assertReason(future, Reason.FORMAT_UNSUPPORTED);
        assertThatThrownBy(() -> BundleFile.parse(small(), 100)).isInstanceOf(BundleException.class)
                .satisfies(e -> assertEquals(Reason.TOO_LARGE, ((BundleException) e).reason()));
        BundleFile.Parsed signedByOther = BundleFile.parse(small(), BundleFile.DEFAULT_MAX_BYTES);
        assertThatThrownBy(() -> signedByOther.verify(BundleKeys.generate().getPublic()))
                .satisfies(e -> assertEquals(Reason.BAD_SIGNATURE, ((BundleException) e).reason()));

        Path file = dir.resolve("村.sanwu");
        BundleFile.writeAtomically(file, small());
        assertThat(BundleFile.read(file, BundleFile.DEFAULT_MAX_BYTES).header().bundleId()).isEqualTo(BUNDLE);
        try (var listing = Files.list(dir)) {
            assertThat(listing.toList()).containsExactly(file);
        }
        assertThatThrownBy(() -> BundleFile.read(dir.resolve("missing"), 100)).hasMessageContaining("找不到");
    }

    @Test
    void codeProofDependsOnCodeKeyAndDevice() {
        String proof = BundleKeys.codeProof("K7M2PQ9X4HTR", "key", "dev");
        assertThat(proof).hasSize(64).isEqualTo(BundleKeys.codeProof("K7M2PQ9X4HTR", "key", "dev"));
        assertThat(proof).isNotEqualTo(BundleKeys.codeProof("K7M2PQ9X4HTS", "key", "dev"))
                .isNotEqualTo(BundleKeys.codeProof("K7M2PQ9X4HTR", "kez", "dev"))
                .isNotEqualTo(BundleKeys.codeProof("K7M2PQ9X4HTR", "key", "dew"));
    }

    private static void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> readFully(bytes)).isInstanceOf(BundleException.class)
                .satisfies(e -> assertEquals(reason, ((BundleException) e).reason()));
    }

    private static void readFully(byte[] bytes) throws BundleException {
        BundleFile.Parsed parsed = BundleFile.parse(bytes, BundleFile.DEFAULT_MAX_BYTES);
        parsed.verify(DEVICE.getPublic());
        parsed.body(SyncProtocol.Request.class, 1 << 20);
    }
}
