package cn.sanwu.model.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.hash.ContentHash;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QrPayloadTest {

    static final UUID ID = UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
    static final ContentHash HASH = ContentHash.parse("sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff");

    @Test
    void theDocumentedFormatRoundTripsAndThroughAQrImage() {
        QrPayload p = new QrPayload("https://sanwu.example.cn/", ID, 3, HASH);
        String text = "https://sanwu.example.cn/n/0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b?r=3"
                + "&h=sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff";
        assertThat(p.text()).isEqualTo(text);
        assertThat(QrPayload.parse(text)).isEqualTo(p);
        assertThat(QrImage.decode(QrImage.render(text, 3))).contains(text);
        assertThat(QrImage.modules(text).getWidth()).as("QR version 8 at level M: 49 modules").isEqualTo(49);
    }

    /**
     * A clean sheet URL that ZXing's detector cannot read upright nor turned a quarter (found by the
     * 2026-11-29 CI failure of QrRoundTripTest); it reads turned half-way, which decode now tries.
     */
    @Test
    void aCodeZxingMisreadsUprightAndQuarterTurnedStillDecodes() {
        String text = "https://sanwu.example.cn/n/c7181cfc-9b7a-4fec-3766-6d5550bf8c07?r=2"
                + "&h=sha256:e0d74597220adb9beeb9aa018cd4be5a8ee34c3260960ceb41cc8065daf6761b";
        assertThat(QrImage.decode(QrImage.render(text, 4))).contains(text);
    }

    @Test
    void readsSheetsPrintedWithoutRevisionAndBaseUrlsWithAPath() {
        QrPayload old = QrPayload.parse("https://x.example/county/n/" + ID + "?h=" + HASH);
        assertThat(old.revision()).isNull();
        assertThat(old.baseUrl()).isEqualTo("https://x.example/county");
        assertThat(old.text()).isEqualTo("https://x.example/county/n/" + ID + "?h=" + HASH);
        assertThat(QrPayload.parse(old.text() + "&utm=wechat")).isEqualTo(old);
    }

    @Test
    void foreignOrDamagedTextIsRefusedWithAReason() {
        assertThatThrownBy(() -> QrPayload.parse("WIFI:S:office;;")).hasMessageContaining("不是三务");
        assertThatThrownBy(() -> QrPayload.parse("https://x.example/n/" + ID + "?r=3")).hasMessageContaining("没有内容指纹");
        assertThatThrownBy(() -> QrPayload.parse("https://x.example/n/" + ID + "?r=x&h=" + HASH)).hasMessageContaining("版本号");
        assertThatThrownBy(() -> QrPayload.parse("https://x.example/n/" + ID + "?h=sha256:zz")).hasMessageContaining("内容指纹");
        assertThatThrownBy(() -> QrPayload.parse("https://x.example/p/" + ID + "?h=" + HASH)).hasMessageContaining("公告网址");
        assertThatThrownBy(() -> new QrPayload(" / ", ID, 1, HASH)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new QrPayload("https://x", ID, 0, HASH)).hasMessageContaining("revision");
    }
}
