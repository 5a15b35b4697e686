package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin side against an attacker, over real sockets: a change (kick, dispose, spectator token,
 * announcement) needs X-Tickcast-Admin and no other site's Origin or Sec-Fetch-Site (issue 16
 * item 10, CSRF); every /admin answer forbids framing; wrong tokens are limited per address, 429
 * even for the right token past the limit (item 11); a short token is refused by the options and
 * the command line.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class AdminSecurityTest {
    private static final String TOKEN = "s3cret-admin-token";
    private static final String BEARER = "Bearer " + TOKEN;

    @Test
    void shouldRefuseChangesACrossSitePageCouldSend(Vertx vertx) {
        ServerFixture fixture = admin(vertx);
        Bot alice = Bot.join(vertx, fixture.port(), "alice");
        Bot bob = Bot.join(vertx, fixture.port(), "bob");
        String roomId = alice.welcome().roomId();
        String kick = "/admin/api/rooms/" + roomId + "/kick/" + bob.welcome().playerId();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("op:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String own = "http://127.0.0.1:" + fixture.port();
        List<Map<String, String>> forged = List.of(
                Map.of("Authorization", basic, "Content-Type", "application/x-www-form-urlencoded",
                        "Origin", "http://localhost:9999", "Sec-Fetch-Site", "cross-site"), // the auto-submitted form
                Map.of("Authorization", basic), // a form from a browser sending neither Origin nor Sec-Fetch-Site
                Map.of("Authorization", BEARER), // a script that forgot the header
                Map.of("Authorization", basic, "X-Tickcast-Admin", "1", "Origin", "https://evil.example"),
                Map.of("Authorization", basic, "X-Tickcast-Admin", "1", "Origin", "null"),
                Map.of("Authorization", basic, "X-Tickcast-Admin", "1", "Sec-Fetch-Site", "same-site"),
                Map.of("Authorization", basic, "X-Tickcast-Admin", "1", "Sec-Fetch-Site", "cross-site", "Origin", own),
                Map.of("Authorization", basic, "X-Tickcast-Admin", ""));
        for (Map<String, String> headers : forged) {
            for (String[] route : new String[][] {{"POST", kick}, {"DELETE", "/admin/api/rooms/" + roomId},
                    {"POST", "/admin/api/rooms/" + roomId + "/watch"}, {"POST", "/admin/announce"}}) {
                RawHttp.Answer a = RawHttp.request("127.0.0.1", fixture.port(), route[0], route[1], headers,
                        "{\"text\":\"pwned\"}");
                assertEquals(403, a.status(), route[0] + " " + route[1] + " with " + headers);
                assertFalse(a.body().contains("token\""), "no spectator token");
                assertUnframeable(a);
            }
        }
        assertEquals(2, (int) fixture.<Integer>onRoom(roomId, r -> r.players()), "nobody was kicked");
        assertEquals(0, (int) fixture.<Integer>onRoom(roomId, r -> r.spectators()));
        assertFalse(alice.closed.isDone() || bob.closed.isDone());

        // reading needs no header (nothing a cross-site page can read), and the page is unframeable
        RawHttp.Answer page = RawHttp.request("127.0.0.1", fixture.port(), "GET", "/admin/", Map.of("Authorization", basic), null);
        assertEquals(200, page.status());
        assertUnframeable(page);
        assertUnframeable(RawHttp.request("127.0.0.1", fixture.port(), "GET", "/admin/", Map.of(), null)); // the 401

        // the page itself (same origin, the header) and a script (Bearer, the header, no Origin) still work
        Map<String, String> fromPage = Map.of("Authorization", basic, "X-Tickcast-Admin", "1", "Origin", own,
                "Sec-Fetch-Site", "same-origin");
        assertEquals(200, RawHttp.request("127.0.0.1", fixture.port(), "POST", kick, fromPage, null).status());
        assertEquals(Protocol.CLOSE_KICKED, bob.closeCode());
        Map<String, String> script = Map.of("Authorization", BEARER, "X-Tickcast-Admin", "1",
                "Content-Type", "application/json");
        assertEquals(202, RawHttp.request("127.0.0.1", fixture.port(), "POST", "/admin/announce", script,
                "{\"text\":\"hello\"}").status());
        assertEquals(200, RawHttp.request("127.0.0.1", fixture.port(), "DELETE", "/admin/api/rooms/" + roomId, script,
                null).status());
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, alice.closeCode());
    }

    @Test
    void shouldLimitWrongTokensPerAddress(Vertx vertx) {
        ServerFixture fixture = admin(vertx);
        int port = fixture.port();
        for (int i = 0; i < 12; i++) {
            assertEquals(401, RawHttp.request("127.0.0.3", port, "GET", "/admin/", Map.of(), null).status(),
                    "a request without credentials is a login prompt, not a guess");
        }
        for (int i = 1; i <= 10; i++) {
            assertEquals(401, get("127.0.0.1", port, "Bearer guess-" + i).status(), "wrong guess " + i);
        }
        RawHttp.Answer eleventh = get("127.0.0.1", port, "Bearer guess-11");
        assertEquals(429, eleventh.status(), "the 11th wrong guess");
        assertEquals("10", eleventh.header("Retry-After"));
        assertEquals(429, get("127.0.0.1", port, BEARER).status(), "the right token too, until a chance is back");
        assertEquals(429, get("127.0.0.1", port, null).status());
        assertEquals(200, get("127.0.0.2", port, BEARER).status(), "another address is not affected");
        assertEquals(401, get("127.0.0.2", port, "Bearer nope").status());
        assertEquals(200, get("127.0.0.3", port, BEARER).status());
    }

    @Test
    void shouldRefuseAShortAdminToken() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastOptions.defaults().withAdminToken("a"));
        assertTrue(e.getMessage().contains("16 characters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TickcastOptions.defaults().withAdminToken("0123456789abcde"));
        assertThrows(IllegalArgumentException.class,
                () -> new TickcastOptions(new io.vertx.core.json.JsonObject().put("adminToken", "short")));
        assertEquals("0123456789abcdef", TickcastOptions.defaults().withAdminToken("0123456789abcdef").adminToken());
        assertEquals(null, TickcastOptions.defaults().withAdminToken("").adminToken(), "empty: off");

        for (List<String> args : List.<List<String>>of(List.of("--admin-token", "a"), List.of())) {
            Map<String, String> env = new HashMap<>();
            if (args.isEmpty()) {
                env.put("TICKCAST_ADMIN_TOKEN", "short-token");
            }
            String[] out = cli(args, env);
            assertEquals("2", out[0], "exit code for " + args + " " + env + ": " + out[1]);
            List<String> lines = out[1].lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + out[1]);
            assertTrue(lines.get(0).contains("16 characters or more"), lines.get(0));
        }
    }

    /** {exit code, stderr and stdout} of the command line in a JVM of its own, on the test class path. */
    private static String[] cli(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "--port", "0"));
        command.addAll(args);
        File log = File.createTempFile("tickcast-cli", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            pb.environment().remove("TICKCAST_ADMIN_TOKEN");
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean exited = p.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // it started a server: the token was accepted
            }
            String out = java.nio.file.Files.readString(log.toPath());
            return new String[] {exited ? Integer.toString(p.exitValue()) : "still running", out};
        } finally {
            log.delete();
        }
    }

    private static RawHttp.Answer get(String from, int port, String authorization) {
        return RawHttp.request(from, port, "GET", "/admin/api/history",
                authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
    }

    private static void assertUnframeable(RawHttp.Answer a) {
        assertEquals("DENY", a.header("X-Frame-Options"), a.headers());
        String csp = a.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), a.headers());
    }

    private static ServerFixture admin(Vertx vertx) {
        return new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .withAdminToken(TOKEN), new GameRegistry().register(ArenaGame.SPEC));
    }
}
