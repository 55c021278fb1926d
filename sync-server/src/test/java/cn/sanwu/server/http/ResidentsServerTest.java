package cn.sanwu.server.http;

import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world of the residents' tests: a real server on loopback over an H2 file (or PostgreSQL with
 * {@code -Dsanwu.test.postgres}) with the fixture accounts, and a resident's phone talking to it.
 */
abstract class ResidentsServerTest {

    @TempDir
    Path dir;
    TestServer server;
    Residents phone;

    /** The server's clock; tests that drive time override this. */
    Clock serverClock() {
        return Clock.systemUTC();
    }

    @BeforeEach
    void startServer() {
        server = TestServer.start(TestDatabases.config(dir), serverClock());
        AccountFixture.create(server.server().accounts());
        phone = new Residents(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
