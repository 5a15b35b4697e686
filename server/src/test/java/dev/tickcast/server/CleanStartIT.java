package dev.tickcast.server;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stock jar started as a user starts it ({@code java -jar}, no JVM flag), alone and as a cluster
 * node, through its first room (a room's event-bus consumer and a player): its output has exactly one
 * "listening on" line and no WARN, ERROR or JDK-logging WARNING line. The jar also serves the API reference at {@code /docs/api/}.
 */
class CleanStartIT {
    /** Logback's levels, and java.util.logging's (Hazelcast logs through it before it reads its settings). */
    private static final List<String> BAD = List.of(" WARN ", " ERROR ", "WARNING:", "SEVERE:", "Exception in");
    private NodeProcess server;
    private Vertx vertx;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldStartCleanAndServeTheApiReference() throws Exception {
        int port = NodeProcess.freePort();
        start(List.of("--port", Integer.toString(port), "--host", "127.0.0.1"), port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> index = get(http, port, "/docs/api/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("dev.tickcast.game") && index.body().contains("dev.tickcast.server"),
                index.body());
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(index.headers().firstValue("Cache-Control").orElse("").contains("max-age=3600"), index.headers().toString());
        assertTrue(index.headers().allValues("Content-Security-Policy").stream().allMatch(p -> p.contains("frame-ancestors 'none'")));
        assertEquals(200, get(http, port, "/docs/api/dev/tickcast/game/Game.html").statusCode());
        assertEquals(404, get(http, port, "/docs/api/dev/tickcast/server/internal/engine/TickcastServer.html").statusCode(),
                "the engine is not in the reference");
        HttpResponse<String> bare = get(http, port, "/docs/api");
        assertEquals(302, bare.statusCode(), "redirected to the folder: its pages link relative to it");
        assertEquals("/docs/api/", bare.headers().firstValue("Location").orElse(""));
        assertClean();
    }

    @Test
    void shouldStartACleanClusterNode() throws Exception {
        int port = NodeProcess.freePort();
        start(List.of("--port", Integer.toString(port), "--host", "127.0.0.1", "--cluster",
                "--cluster-secret", "clean-start-secret-0123", "--public-url", "http://127.0.0.1:" + port,
                "--cluster-port", Integer.toString(NodeProcess.freePort()), "--cluster-name", "clean-" + port), port);
        assertClean();
    }

    /** Starts the jar with {@code args}, then plays a first room (its event-bus consumer, a player). */
    private void start(List<String> args, int port) throws Exception {
        server = NodeProcess.start("server", NodeProcess.server(List.of(), args), l -> l.contains("Tickcast listening on"));
        server.awaitReady();
        vertx = Vertx.vertx();
        Bot.join(vertx, port, "ann").await(s -> true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.logged("\"ann\" joined") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the output is read by another thread
        }
        assertTrue(server.logged("\"ann\" joined"), server.log());
    }

    private void assertClean() {
        String log = server.log();
        assertEquals(1, log.lines().filter(l -> l.contains("Tickcast listening on")).count(), log);
        for (String bad : BAD) {
            assertFalse(log.contains(bad), "\"" + bad.trim() + "\" at a normal start:\n" + log);
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
