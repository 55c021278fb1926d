package cn.sanwu.server;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin import-bundle FILE --reply OUT}, for a township that runs the server itself. */
class AdminImportBundleTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        out.reset();
        err.reset();
        return Main.run(args, java.io.InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importsAFileWritesASignedReplyAndRefusesATamperedOne() throws Exception {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "sanwu.server.dataDir=" + dir.resolve("data").toString().replace("\\", "/") + "\n");
        var serverConfig = cn.sanwu.server.config.ServerConfig.load(Optional.of(config), Map.of());
        KeyPair keys = BundleKeys.generate();
        UUID deviceId;
        try (Database db = Database.open(serverConfig.databaseUrl(), "sa", "")) {
            deviceId = new DeviceService(db, Clock.systemUTC())
                    .enroll(new DeviceService(db, Clock.systemUTC()).issueCode(VILLAGE), "村委会电脑", BundleKeys.encode(keys.getPublic()))
                    .orElseThrow().deviceId();
        }
        BundleHeader header = BundleHeader.request(SyncProtocol.VERSION, UUID.randomUUID(), deviceId, VILLAGE, Instant.now(),
                BundleKeys.keyId(keys.getPublic()), null);
        byte[] bytes = BundleFile.write(BundleFile.Kind.REQUEST, header, push(0, newNotice(UUID.randomUUID(), VILLAGE, "公开")),
                keys.getPrivate());
        Path file = dir.resolve("村.sanwu");
        Files.write(file, bytes);
        Path reply = dir.resolve("out/回复.sanwu");

        assertThat(run("--config", config.toString(), "admin", "import-bundle", file.toString(), "--reply", reply.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("已导入村 " + VILLAGE).contains("APPLIED=1");
        BundleFile.Parsed parsed = BundleFile.read(reply, BundleFile.DEFAULT_MAX_BYTES);
        parsed.verify(BundleKeys.publicKey(parsed.header().serverPublicKey()));
        assertThat(parsed.header().answers()).isEqualTo(header.bundleId());

        assertThat(run("--config", config.toString(), "admin", "import-bundle", file.toString(), "--reply", reply.toString()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("第 2 次导入").contains("DUPLICATE=1");

        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThat(run("--config", config.toString(), "admin", "import-bundle", file.toString(), "--reply",
                dir.resolve("bad-reply").toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("BAD_SIGNATURE").contains("签名不符");
        assertThat(dir.resolve("bad-reply")).doesNotExist();
        assertThat(run("--config", config.toString(), "admin", "import-bundle", file.toString())).isEqualTo(2);
        List.of(out, err).forEach(s -> assertThat(s.toString(StandardCharsets.UTF_8)).doesNotContain("Exception"));
    }
}
