package cn.sanwu.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on error answers: the status, the stable code, and a message for the person. */
public final class Replies {

    private Replies() {
    }

    public static void assertError(TestServer.Reply reply, int status, String code) {
        assertThat(reply.status()).as(String.valueOf(reply)).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.body().get("message").asText()).isNotBlank();
    }
}
