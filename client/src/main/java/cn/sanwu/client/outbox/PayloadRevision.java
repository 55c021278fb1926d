package cn.sanwu.client.outbox;

import cn.sanwu.client.store.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;

/** The {@code revision} field of an outbox payload: the revision the server stores when it applies it. */
public final class PayloadRevision {

    private PayloadRevision() {
    }

    public static int of(String payloadJson) {
        try {
            return JsonMapping.mapper().readTree(payloadJson).path("revision").asInt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is JSON written by this app", e);
        }
    }
}
