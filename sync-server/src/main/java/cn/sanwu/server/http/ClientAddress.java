package cn.sanwu.server.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * The address a request came from, for per-source limits. {@code X-Forwarded-For} is believed
 * only when the direct peer is a configured reverse proxy, and then only its rightmost entry that
 * is not itself a trusted proxy: anything left of that was written by the client and may be forged.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(Context ctx, Set<String> trustedProxies) {
        String peer = ctx.req().getRemoteAddr();
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
