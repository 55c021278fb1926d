package cn.sanwu.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bootstrapping a deployment with the admin commands only, no SQL; then logging in over HTTP. */
class AdminCommandTest {

    @TempDir
    Path dir;
    ServerConfig config;
    Path configFile;
    String out;
    String err;

    @BeforeEach
    void writeConfig() throws IOException {
        config = TestDatabases.config(dir);
        configFile = dir.resolve("server.properties");
        Files.writeString(configFile, String.join("\n",
                "sanwu.server.db.url=" + config.databaseUrl(),
                "sanwu.server.db.user=" + config.databaseUser(),
                "sanwu.server.db.password=" + config.databasePassword(),
                "sanwu.server.security.argon2.memoryKib=" + TestDatabases.TEST_PASSWORD_COST.memoryKib(),
                "sanwu.server.security.argon2.iterations=" + TestDatabases.TEST_PASSWORD_COST.iterations()));
    }

    private int admin(String stdin, String... args) throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of("--config", configFile.toString(), "admin"));
        argv.addAll(List.of(args));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void aDeploymentIsBootstrappedFromTheCommandLine() throws InterruptedException {
        assertThat(admin("", "create-region", "--code", "219900000000", "--name", "示例市", "--level", "city")).isZero();
        assertThat(admin("", "create-region", "--code", "219901101000", "--name", "红旗镇", "--level", "township",
                "--parent", "219900000000")).isZero();
        assertThat(admin("", "create-region", "--code", "219901101201", "--name", "红旗村", "--level", "village",
                "--parent", "219901101000")).isZero();
        assertThat(admin("first admin password\n", "create-user", "--username", "admin", "--role", "admin")).isZero();
        assertThat(admin("reviewer password 1\n", "create-user", "--username", "Wang.Fang", "--role", "township-reviewer",
                "--scope", "219901101000", "--name", "王芳")).isZero();
        assertThat(out).contains("created user wang.fang (township-reviewer, scope 219901101000)");

        assertThat(admin("", "list-users")).isZero();
        assertThat(out).contains("admin\tadmin\tall").contains("wang.fang\ttownship-reviewer\t219901101000\t王芳");
        assertThat(out).doesNotContain("argon2").doesNotContain("password");
        assertThat(admin("", "list-regions")).isZero();
        assertThat(out).contains("219901101201\tvillage\t红旗村\t219901101000");

        try (TestServer server = TestServer.start(config)) {
            String token = server.sessionToken("wang.fang", "reviewer password 1");
            assertThat(server.postJson("/api/v1/enrollment-codes", token, "{\"villageCode\":\"219901101201\"}").status())
                    .isEqualTo(201);

            assertThat(admin("", "revoke-sessions", "wang.fang")).isZero();
            assertThat(out).contains("ended 1 open session(s)");
            assertThat(server.get("/api/v1/me", token).status()).isEqualTo(401);

            assertThat(admin("reviewer password 2\n", "set-password", "wang.fang")).isZero();
            assertThat(server.login("wang.fang", "reviewer password 1").status()).isEqualTo(401);
            assertThat(server.login("wang.fang", "reviewer password 2").status()).isEqualTo(200);

            assertThat(admin("", "disable-user", "wang.fang")).isZero();
            assertThat(server.login("wang.fang", "reviewer password 2").status()).isEqualTo(403);
        }
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() throws InterruptedException {
        admin("", "create-region", "--code", "219900000000", "--name", "示例市", "--level", "city");

        assertThat(admin("", "create-user", "--username", "x1", "--role", "admin", "--password", "secret123456")).isEqualTo(2);
        assertThat(err).contains("never command-line arguments");
        assertThat(admin("short\n", "create-user", "--username", "admin", "--role", "admin")).isEqualTo(1);
        assertThat(err).contains("密码至少需要10个字符");
        assertThat(admin("long enough password\n", "create-user", "--username", "r", "--role", "township-reviewer",
                "--scope", "219900000000")).isEqualTo(1);
        assertThat(err).contains("用户名须为2至64个");
        assertThat(admin("long enough password\n", "create-user", "--username", "rev", "--role", "township-reviewer",
                "--scope", "219900000000")).isEqualTo(1);
        assertThat(err).contains("不能以“示例市”（市）为管辖范围");
        assertThat(admin("long enough password\n", "create-user", "--username", "rev", "--role", "village-device")).isEqualTo(2);
        assertThat(err).contains("--role must be one of village-clerk");
        assertThat(admin("", "create-user", "--username", "rev", "--role", "admin")).isEqualTo(2);
        assertThat(err).contains("no password on stdin");
        assertThat(admin("", "create-region", "--code", "219901101201", "--name", "红旗村", "--level", "village",
                "--parent", "219901101000")).isEqualTo(1);
        assertThat(err).contains("上级行政区划 219901101000 不存在");
        assertThat(admin("", "create-region", "--code", "219901000000", "--name", "县", "--level", "hamlet")).isEqualTo(2);
        assertThat(admin("", "set-password", "nobody")).isEqualTo(1);
        assertThat(err).contains("没有这个用户");

        assertThat(admin("", "list-users")).isZero();
        assertThat(out.lines().count()).as("only the header: nothing was created").isEqualTo(1);
    }

    @Test
    void aServerWithoutAnAdministratorSaysHowToCreateOne() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger(SyncServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.WARN);
        logger.addAppender(events);
        try {
            try (TestServer server = TestServer.start(config)) {
                assertThat(events.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("event=no-admin").contains("admin create-user --username admin --role admin"));
            }
            events.list.clear();
            assertThat(admin("first admin password\n", "create-user", "--username", "admin", "--role", "admin")).isZero();
            try (TestServer server = TestServer.start(config)) {
                assertThat(events.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("no-admin"));
            }
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
    }
}
