package cn.sanwu.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.access.RoutePolicy;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route Javalin has registered must have an entry in the one policy table (QUALITY.md). */
class RoutePolicyTest {

    @Test
    void everyRegisteredRouteHasAPolicyEntry(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir)) {
            List<String> registered = server.server().javalin().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(parsed -> parsed.endpoint)
                    .filter(e -> e.method.isHttpMethod())
                    .map(e -> RoutePolicy.key(e.method.name(), e.path))
                    .toList();

            assertThat(registered).isNotEmpty();
            assertThat(registered).allSatisfy(route -> assertThat(RoutePolicy.routes())
                    .as("policy entry for %s", route).contains(route));
            assertThat(RoutePolicy.routes()).as("no stale policy entries").containsExactlyInAnyOrderElementsOf(registered);
        }
    }

    @Test
    void aRouteOutsideTheTableIsRefused() {
        assertThat(RoutePolicy.allowed("DELETE", "/api/v1/sync")).isEmpty();
        assertThat(RoutePolicy.allowed("GET", "/health")).isPresent();
    }
}
