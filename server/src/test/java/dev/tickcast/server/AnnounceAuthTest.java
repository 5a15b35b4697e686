package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /admin/announce} has one check of the admin token, AdminAuth's (issue 17 defect): every
 * credential AdminAuth accepts is accepted here too (Basic with the token as the password, a
 * lower-case scheme, a trailing space), and what it refuses is refused.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AnnounceAuthTest {
    private static final String TOKEN = "s3cret-admin-token";

    @Test
    void shouldAnnounceForEveryCredentialTheAdminCheckAccepts(Vertx vertx) {
        ServerFixture fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(1).withAdminToken(TOKEN), new GameRegistry().register(ArenaGame.SPEC));
        String basic = "Basic " + Base64.getEncoder().encodeToString(("op:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        for (String accepted : new String[] {basic, "Bearer " + TOKEN, "bearer " + TOKEN, "Bearer " + TOKEN + " "}) {
            assertEquals(200, status(fixture, "GET", "/admin/api/history", accepted), "AdminAuth accepts " + accepted);
            assertEquals(202, status(fixture, "POST", "/admin/announce", accepted), "announce accepts " + accepted);
        }
        for (String refused : new String[] {"Bearer wrong-token-0000", "Basic " + Base64.getEncoder()
                .encodeToString("op:nope".getBytes(StandardCharsets.UTF_8)), TOKEN}) {
            assertEquals(401, status(fixture, "POST", "/admin/announce", refused), "refused: " + refused);
        }
    }

    private static int status(ServerFixture fixture, String method, String path, String authorization) {
        Map<String, String> headers = Map.of("Authorization", authorization, "X-Tickcast-Admin", "1",
                "Content-Type", "application/json");
        return RawHttp.request("127.0.0.1", fixture.port(), method, path, headers,
                "POST".equals(method) ? "{\"text\":\"hello\"}" : null).status();
    }
}
