package cn.sanwu.server.config;

import java.nio.file.Path;
import java.util.function.BinaryOperator;

/**
 * The transparency log's settings (docs/transparency-log.md, docs/operations.md).
 *
 * @param origin  the log's identity, first line of every checkpoint and the key name of its
 *                signatures; by convention {@code <public host>/log} ({@code sanwu.server.log.origin})
 * @param keyFile the signing-key file ({@code sanwu.server.log.keyFile}, default
 *                {@code <dataDir>/log-signing.keys}); every instance on one database needs the same file
 */
public record LogConfig(String origin, Path keyFile) {

    public static final String DEFAULT_ORIGIN = "sanwu.local/log";

    public LogConfig {
        if (origin == null || origin.isBlank() || !origin.matches("[\\x21-\\x7e&&[^+]]+")) {
            throw new IllegalArgumentException("sanwu.server.log.origin must be printable ASCII without spaces or '+': " + origin);
        }
    }

    public static LogConfig defaults(Path dataDir) {
        return new LogConfig(DEFAULT_ORIGIN, dataDir.resolve("log-signing.keys"));
    }

    static LogConfig read(BinaryOperator<String> get, Path dataDir) {
        return new LogConfig(get.apply("sanwu.server.log.origin", DEFAULT_ORIGIN),
                Path.of(get.apply("sanwu.server.log.keyFile", dataDir.resolve("log-signing.keys").toString())));
    }
}
