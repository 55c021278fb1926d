package cn.sanwu.server.testing;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.ConsistencyProof;
import cn.sanwu.model.log.Ed25519NoteVerifier;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.NoteVerifier;
import cn.sanwu.server.ledger.TransparencyLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/**
 * A resident's (or a village PC's) view of the log over real HTTP: fetches what the public routes
 * serve and parses it with shared-model code only. Test helper.
 */
public final class LogClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public LogClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body) {
    }

    public Response get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response ok(String path) {
        Response r = get(path);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    public String checkpoint() {
        return ok("/api/v1/log/checkpoint").body();
    }

    /** A verifier trusting the keys the server publishes (a real verifier gets them out of band). */
    public CheckpointVerifier verifier(String origin) {
        List<NoteVerifier> keys = ok("/api/v1/log/keys").body().lines().filter(l -> !l.isBlank())
                .map(l -> (NoteVerifier) Ed25519NoteVerifier.parseVerifierKey(l)).toList();
        return new CheckpointVerifier(origin, MerkleHasher.sha256(), keys);
    }

    public TransparencyLog.Inclusion inclusion(UUID notice, Integer revision) {
        return read(ok("/api/v1/log/inclusion?notice=" + notice + (revision == null ? "" : "&revision=" + revision)).body(),
                TransparencyLog.Inclusion.class);
    }

    public ConsistencyProof consistency(long from, long to) {
        return read(ok("/api/v1/log/consistency?from=" + from + "&to=" + to).body(), ConsistencyProof.class);
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return ModelJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + type.getSimpleName() + ": " + json, e);
        }
    }
}
