package cn.sanwu.client.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrollment form against the real sync server on 127.0.0.1 and a real H2 file: bad input is
 * refused before anything is sent, refusals and an unreachable server leave the PC unenrolled
 * with a Chinese reason, and a good code enrolls it once.
 */
class EnrollmentViewModelTest {

    @TempDir
    Path dir;
    private SyncServer server;
    private String url;
    private AppContext pc;
    private final AtomicInteger enrolledCalls = new AtomicInteger();

    @BeforeEach
    void start() {
        server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        url = "http://127.0.0.1:" + server.port();
        pc = new AppContext(dir.resolve("pc"), Clock.systemUTC());
        DemoData.seedIfEmpty(pc.villages(), pc.notices(), pc.catalog(), pc.checklist().today());
    }

    @AfterEach
    void stop() {
        pc.close();
        server.close();
    }

    private EnrollmentViewModel form() {
        EnrollmentViewModel vm = new EnrollmentViewModel(pc.syncService(), BackgroundRunner.direct(), DemoData.VILLAGE, "村委会电脑");
        vm.setOnEnrolled(enrolledCalls::incrementAndGet);
        return vm;
    }

    private void assertNotEnrolled(EnrollmentViewModel vm) {
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.enrolledProperty().get()).isFalse();
        assertThat(pc.syncService().enrolled()).isFalse();
        assertThat(enrolledCalls).hasValue(0);
    }

    @Test
    void addressesAreNormalisedOrRefused() {
        assertThat(EnrollmentViewModel.normalizeAddress(" sanwu.example.gov.cn/ ")).hasValue("https://sanwu.example.gov.cn");
        assertThat(EnrollmentViewModel.normalizeAddress("http://192.168.1.10:8686//")).hasValue("http://192.168.1.10:8686");
        assertThat(EnrollmentViewModel.normalizeAddress("HTTPS://Sanwu.cn")).hasValue("HTTPS://Sanwu.cn");
        for (String bad : new String[] {"", "   ", "ftp://x.cn", "http://", "http://a b.cn", "javascript:alert(1)",
                "http://x.cn/?token=1", "http://user:pw@x.cn", "http://x.cn/#a", null}) {
            assertThat(EnrollmentViewModel.normalizeAddress(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        EnrollmentViewModel vm = form();
        vm.serverAddressProperty().set("ftp://x");
        vm.codeProperty().set("K7M2-PQ9X-4HTR");
        assertThat(vm.enroll()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("服务器地址不正确");

        vm.serverAddressProperty().set(url);
        vm.codeProperty().set("  ");
        assertThat(vm.enroll()).isFalse();
        assertThat(vm.messageProperty().get()).contains("请填写").contains("登记码");

        vm.codeProperty().set("<script>");
        assertThat(vm.enroll()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("登记码格式不正确");

        vm.codeProperty().set("K7M2-PQ9X-4HTR");
        vm.deviceNameProperty().set("电".repeat(61));
        assertThat(vm.enroll()).isFalse();
        assertThat(vm.messageProperty().get()).contains("名称");
        assertNotEnrolled(vm);
    }

    @Test
    void anUnknownCodeIsTheServersRefusalAndChangesNothing() {
        EnrollmentViewModel vm = form();
        vm.serverAddressProperty().set(url);
        vm.codeProperty().set("AAAA-BBBB-CCCC");
        assertThat(vm.enroll()).isTrue();
        assertThat(vm.messageProperty().get()).contains("登记码无效");
        assertThat(vm.busyProperty().get()).isFalse();
        assertNotEnrolled(vm);
    }

    @Test
    void anUnreachableServerSaysSoAndChangesNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EnrollmentViewModel vm = form();
        vm.serverAddressProperty().set("http://127.0.0.1:" + closedPort);
        vm.codeProperty().set("AAAA-BBBB-CCCC");
        vm.enroll();
        assertThat(vm.messageProperty().get()).startsWith("无法连接到 http://127.0.0.1:" + closedPort);
        assertNotEnrolled(vm);
    }

    @Test
    void aCodeOfAnotherVillageIsRefusedAndChangesNothing() {
        EnrollmentViewModel vm = form();
        vm.serverAddressProperty().set(url);
        vm.codeProperty().set(server.devices().issueCode("219901101202"));
        vm.enroll();
        assertThat(vm.messageProperty().get()).contains("219901101202").contains(DemoData.VILLAGE);
        assertNotEnrolled(vm);
    }

    @Test
    void aGoodCodeEnrollsOnceAndThenTheFormOnlyShowsWhere() {
        EnrollmentViewModel vm = form();
        vm.serverAddressProperty().set(url + "/");
        vm.codeProperty().set(server.devices().issueCode(DemoData.VILLAGE).toLowerCase());
        assertThat(vm.enroll()).isTrue();
        assertThat(vm.failedProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("登记成功").contains(DemoData.VILLAGE);
        assertThat(pc.syncService().enrolled()).isTrue();
        assertThat(pc.syncService().serverUrl()).hasValue(url);
        assertThat(enrolledCalls).hasValue(1);
        assertThat(pc.syncService().syncNow().ok()).isTrue();

        EnrollmentViewModel again = form();
        assertThat(again.enrolledProperty().get()).isTrue();
        assertThat(again.serverAddressProperty().get()).isEqualTo(url);
        assertThat(again.enroll()).isFalse();
        assertThat(again.messageProperty().get()).startsWith("本机已登记到 " + url);
        assertThat(enrolledCalls).hasValue(1);
    }
}
