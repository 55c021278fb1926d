package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/** Writes response bodies with shared-model's mapper, the same one the client reads with. */
final class Json {

    private Json() {
    }

    static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8")
                    .result(ModelJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are always serialisable", e);
        }
    }
}
