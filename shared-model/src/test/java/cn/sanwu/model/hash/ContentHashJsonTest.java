package cn.sanwu.model.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.log.LogLeaf;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON carries a content hash as its text form, the one the QR code prints (ADR 0026). */
class ContentHashJsonTest {

    private static final String TEXT = "sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff";

    @Test
    void writesAndReadsTheTextForm() throws Exception {
        ContentHash hash = ContentHash.parse(TEXT);
        assertThat(ModelJson.mapper().writeValueAsString(hash)).isEqualTo("\"" + TEXT + "\"");
        assertThat(ModelJson.mapper().readValue("\"" + TEXT + "\"", ContentHash.class)).isEqualTo(hash);
    }

    @Test
    void aLogLeafInJsonHoldsTheStringAndReadsBack() throws Exception {
        LogLeaf leaf = new LogLeaf(UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b"), 3, ContentHash.parse(TEXT),
                "330102001001-2026-0007", Instant.parse("2026-11-28T08:30:15.250Z"));
        String json = ModelJson.mapper().writeValueAsString(leaf);
        assertThat(json).contains("\"contentHash\":\"" + TEXT + "\"").doesNotContain("\"algorithm\"", "\"hex\"");
        assertThat(ModelJson.mapper().readValue(json, LogLeaf.class)).isEqualTo(leaf);
    }

    @Test
    void refusesTextThatIsNotAHash() {
        assertThatThrownBy(() -> ModelJson.mapper().readValue("\"sha256:XYZ\"", ContentHash.class))
                .isInstanceOf(Exception.class).hasStackTraceContaining("内容指纹格式错误");
    }
}
