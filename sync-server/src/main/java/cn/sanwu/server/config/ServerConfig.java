package cn.sanwu.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Server settings. Each key is read from the environment first ({@code sanwu.server.port} becomes
 * {@code SANWU_SERVER_PORT}), then from the optional properties file, then from the default. Immutable.
 *
 * @param httpsPort 0 = no HTTPS connector; otherwise {@code keystorePath} and its password are required
 * @param security  accounts, sessions, backoff and rate limits ({@code sanwu.server.security.*})
 * @param log       the transparency log's origin and signing-key file ({@code sanwu.server.log.*})
 */
public record ServerConfig(
        String bindAddress,
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int httpsPort,
        Path keystorePath,
        String keystorePassword,
        long maxBodyBytes,
        SecurityConfig security,
        LogConfig log) {

    public static final int DEFAULT_PORT = 8686;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    /** The H2 file URL for {@code dataDir}; WRITE_DELAY=0 because H2's default loses acknowledged commits (STACK.md). */
    public static String h2Url(Path dataDir) {
        // LOCK_TIMEOUT: writers of one village queue on its feed counter row (ADR 0009); H2's
        // default of 1 s would turn a busy moment into errors. AUTO_SERVER lets the admin commands
        // open the file while the server holds it. REUSE_SPACE=FALSE: with freed space reused,
        // H2 reopened an older version after a SIGKILL and acknowledged changes were gone (server
        // kill test, ADR 0020); the file is compacted on a clean stop instead (Main handles
        // SIGTERM itself so that H2's exit hook cannot close the database first).
        return "jdbc:h2:file:" + dataDir.resolve("sanwu-server").toAbsolutePath()
                + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE";
    }

    public static ServerConfig load(Optional<Path> propertiesFile, Map<String, String> environment) {
        Properties file = new Properties();
        if (propertiesFile.isPresent()) {
            try (InputStream in = Files.newInputStream(propertiesFile.get())) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + propertiesFile.get() + ": " + e.getMessage(), e);
            }
        }
        Settings s = new Settings(file, environment);
        Path dataDir = Path.of(s.get("sanwu.server.dataDir", defaultDataDir().toString()));
        return new ServerConfig(
                s.get("sanwu.server.bind", "127.0.0.1"),
                Integer.parseInt(s.get("sanwu.server.port", String.valueOf(DEFAULT_PORT))),
                dataDir,
                s.get("sanwu.server.db.url", h2Url(dataDir)),
                s.get("sanwu.server.db.user", "sa"),
                s.get("sanwu.server.db.password", ""),
                Integer.parseInt(s.get("sanwu.server.https.port", "0")),
                Optional.ofNullable(s.get("sanwu.server.https.keystore", null)).map(Path::of).orElse(null),
                s.get("sanwu.server.https.keystorePassword", null),
                Long.parseLong(s.get("sanwu.server.maxBodyBytes", String.valueOf(DEFAULT_MAX_BODY_BYTES))),
                SecurityConfig.read(s::get),
                LogConfig.read(s::get, dataDir));
    }

    /** Settings for tests and the demo: H2 under {@code dataDir}, loopback, no HTTPS. */
    public static ServerConfig local(Path dataDir, int port) {
        return new ServerConfig("127.0.0.1", port, dataDir, h2Url(dataDir), "sa", "", 0, null, null, DEFAULT_MAX_BODY_BYTES,
                SecurityConfig.DEFAULTS, LogConfig.defaults(dataDir));
    }

    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(bindAddress, port, dataDir, databaseUrl, databaseUser, databasePassword, httpsPort,
                keystorePath, keystorePassword, bytes, security, log);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(bindAddress, port, dataDir, url, user, password, httpsPort, keystorePath, keystorePassword,
                maxBodyBytes, security, log);
    }

    public ServerConfig withSecurity(SecurityConfig settings) {
        return new ServerConfig(bindAddress, port, dataDir, databaseUrl, databaseUser, databasePassword, httpsPort,
                keystorePath, keystorePassword, maxBodyBytes, settings, log);
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".local", "share", "sanwu-server");
    }

    private record Settings(Properties file, Map<String, String> environment) {
        String get(String key, String fallback) {
            String env = environment.get(key.replace('.', '_').toUpperCase(Locale.ROOT));
            if (env != null && !env.isBlank()) {
                return env.strip();
            }
            String value = file.getProperty(key);
            return value == null || value.isBlank() ? fallback : value.strip();
        }
    }
}
