package ${package};

import ${package}.server.StatusVerticle;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plug-in in the stock server, as an operator runs it: {@code java -jar tickcast-server.jar
 * --plugins FOLDER --game GAME} in a separate process on a free loopback port, then HTTP requests
 * and a headless player. Runs after {@code package}: failsafe passes the two jars' paths as the
 * system properties {@code tickcast.server.jar} and {@code plugin.jar}.
 */
class ${gameClass}ServerIT {
    private static final long START_S = 30;
    private static final long WAIT_S = 10;
    private static final String GAME = ${gameClass}Game.SPEC.name();

    private static Path plugins;
    private static Process server;
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static int port;
    private static HttpClient http;
    private static Vertx vertx;

    @BeforeAll
    static void startTheStockServer() throws Exception {
        plugins = Files.createTempDirectory("plugins-");
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("tickcast.server.jar"), "--plugins", plugins.toString(),
                "--game", GAME, "--host", "127.0.0.1", "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(listening), "server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(START_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not start:\n" + String.join("\n", LOG), e);
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        vertx = Vertx.vertx();
    }

    /** Collects the server's output; {@code listening} completes on its "listening on" line. */
    private static void readLog(CompletableFuture<Void> listening) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                LOG.add(line);
                if (line.toLowerCase().contains("listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            LOG.add("(log: " + e + ")");
        }
        listening.completeExceptionally(new IllegalStateException("the server exited"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(WAIT_S, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(WAIT_S, TimeUnit.SECONDS);
            }
        }
        if (plugins != null) {
            try (var files = Files.list(plugins)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(plugins);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(WAIT_S)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void gamesListsTheGameWithItsPage() throws Exception {
        HttpResponse<String> games = get("/games");
        assertEquals(200, games.statusCode());
        JsonObject game = new JsonArray(games.body()).getJsonObject(0);
        assertEquals(GAME, game.getString("name"), games.body());
        assertEquals("/" + GAME + "/", game.getString("page"));
    }

    @Test
    void thePluginServesItsRouteAndItsPage() throws Exception {
        HttpResponse<String> status = get(StatusVerticle.STATUS_PATH);
        assertEquals(200, status.statusCode(), "the extension's route:\n" + String.join("\n", LOG));
        assertEquals(GAME, new JsonObject(status.body()).getString("game"));
        HttpResponse<String> page = get("/" + GAME + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("game.js"), page.body());
        assertEquals(200, get("/" + GAME + "/game.js").statusCode());
    }

    @Test
    void aPlayerMatchmakesJoinsAndSeesItselfByName() throws Exception {
        TickcastClient client = new TickcastClient(vertx, "127.0.0.1", port);
        CompletableFuture<Snapshot> seesItself = new CompletableFuture<>();
        client.onSnapshot(s -> {
            TableSnapshot players = s.table(0);
            int row = players.rowOf(client.welcome().entityId());
            if (row >= 0 && "ann".equals(players.string(row, ${gameClass}Game.PLAYER_NAME.index()))) {
                seesItself.complete(s);
            }
        });
        client.joinOrCreate(GAME, "ann").toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        seesItself.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(1, client.sendInput(new byte[] {(byte) ${gameClass}Game.RIGHT}));
        assertNull(client.error());
        client.close().toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
