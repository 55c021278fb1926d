package cn.sanwu.server.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * Who a request counts against for per-source limits. Production uses {@link #trusting} (only a
 * trusted proxy's own {@code X-Forwarded-For} entry is believed, {@link ClientAddress}); the
 * interface exists so that a test can run its forged-header flood against a resolver that believes
 * the client and show that the flood then gets through (the broken variant).
 */
@FunctionalInterface
public interface SourceResolver {

    String of(Context ctx);

    /** The one production resolver. */
    static SourceResolver trusting(Set<String> trustedProxies) {
        Set<String> proxies = Set.copyOf(trustedProxies);
        return ctx -> ClientAddress.of(ctx, proxies);
    }
}
