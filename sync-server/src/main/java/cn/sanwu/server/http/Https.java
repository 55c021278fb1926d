package cn.sanwu.server.http;

import cn.sanwu.server.config.ServerConfig;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS connector beside the plain one when a keystore is configured (PKCS12 or JKS). Plain
 * HTTP stays on the bind address (by default 127.0.0.1, for a reverse proxy or local use).
 */
final class Https {

    private Https() {
    }

    static void addConnectorIfConfigured(JavalinConfig cfg, ServerConfig config) {
        if (config.httpsPort() <= 0) {
            return;
        }
        if (config.keystorePath() == null || config.keystorePassword() == null) {
            throw new IllegalArgumentException("HTTPS needs sanwu.server.https.keystore and sanwu.server.https.keystorePassword");
        }
        // Javalin makes its default plain connector only when no connector was added, so the plain one
        // is added here first (it stays the one Javalin's port() reports).
        cfg.jetty.addConnector((server, httpConfig) -> {
            ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
            plain.setHost(config.bindAddress());
            plain.setPort(config.port());
            return plain;
        });
        cfg.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(config.keystorePath().toAbsolutePath().toString());
            ssl.setKeyStorePassword(config.keystorePassword());
            HttpConfiguration httpsConfig = new HttpConfiguration(httpConfig);
            // No SNI host check: village PCs may reach the server by IP address.
            httpsConfig.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(httpsConfig));
            connector.setHost(config.bindAddress());
            connector.setPort(config.httpsPort());
            return connector;
        });
    }
}
