package cn.sanwu.client.store;

import cn.sanwu.model.json.ModelJson;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON form of shared-model records in the local store and the outbox: shared-model's
 * {@link ModelJson}, so the server reads outbox payloads exactly as the client wrote them.
 * Thread-safe.
 */
public final class JsonMapping {

    private JsonMapping() {
    }

    public static ObjectMapper mapper() {
        return ModelJson.mapper();
    }
}
