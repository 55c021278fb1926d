package cn.sanwu.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void defaultsAreLoopbackH2WithWriteDelayZero() {
        ServerConfig config = ServerConfig.load(Optional.empty(), Map.of());

        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8686);
        assertThat(config.databaseUrl()).startsWith("jdbc:h2:file:").contains(";WRITE_DELAY=0");
        assertThat(config.httpsPort()).isZero();
        assertThat(config.maxBodyBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "sanwu.server.port=9000\nsanwu.server.bind=0.0.0.0\nsanwu.server.dataDir=" + dir + "\n");

        ServerConfig config = ServerConfig.load(Optional.of(file), Map.of("SANWU_SERVER_PORT", "9100"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.databaseUrl()).contains(dir.resolve("sanwu-server").toString());
    }

    @Test
    void thePublicPagesLimitIsConfigurableAndZeroTurnsItOff(@TempDir Path dir) throws Exception {
        assertThat(ServerConfig.load(Optional.empty(), Map.of()).security().publicRequestsPerMinute()).isEqualTo(600);
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "sanwu.server.security.publicRequestsPerSourcePerMinute=1200\n"
                + "sanwu.server.security.publicSourcesTracked=5000\n");
        SecurityConfig security = ServerConfig.load(Optional.of(file), Map.of()).security();
        assertThat(security.publicRequestsPerMinute()).isEqualTo(1200);
        assertThat(security.publicSourcesTracked()).isEqualTo(5000);
        Files.writeString(file, "sanwu.server.security.publicRequestsPerSourcePerMinute=0\n");
        assertThat(ServerConfig.load(Optional.of(file), Map.of()).security().publicRequestsPerMinute()).isZero();
        Files.writeString(file, "sanwu.server.security.publicRequestsPerSourcePerMinute=-1\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.load(Optional.of(file), Map.of()))
                .hasMessageContaining("publicRequestsPerSourcePerMinute");
        Files.writeString(file, "sanwu.server.security.publicRequestsPerSourcePerMinute=many\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.load(Optional.of(file), Map.of()))
                .hasMessageContaining("must be a whole number");
    }
}
