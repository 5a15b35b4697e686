package dev.tickcast.tanks;

import dev.tickcast.client.TickcastClient;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.GameMessage;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plug-in in the stock server: {@code java -cp tickcast-server.jar:tickcast-tanks.jar
 * dev.tickcast.server.ServerMain} as a separate process on a free loopback port, played by two
 * headless clients over HTTP and WebSocket. Needs both jars (after {@code package}): failsafe passes
 * their paths as the system properties {@code tickcast.server.jar} and {@code tickcast.tanks.jar}.
 */
class TanksServerIT {
    private static final Duration START = Duration.ofSeconds(30);
    private static final long WAIT_S = 10;

    private static ServerProcess server;
    private static HttpClient http;
    private static Vertx vertx;

    /** A server JVM with its output collected; {@link #listening} completes on the "listening" log line. */
    private static final class ServerProcess {
        final Process process;
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> listening = new CompletableFuture<>();
        final CompletableFuture<Integer> exited;
        final CompletableFuture<Void> outputEnded = new CompletableFuture<>();

        ServerProcess(String... args) throws IOException {
            this(jar("tickcast.server.jar") + java.io.File.pathSeparator + jar("tickcast.tanks.jar"), List.of(args));
        }

        /** A server started with {@code classPath} (the stock jar alone, for --plugins). */
        ServerProcess(String classPath, List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, "dev.tickcast.server.ServerMain"));
            command.addAll(args);
            Path cwd = Files.createTempDirectory("tanks-it-");
            process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
            exited = process.onExit().thenApply(Process::exitValue);
            Thread reader = new Thread(this::read, "tanks-it-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    if (line.contains("Tickcast listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                output.add("(output: " + e + ")");
            }
            listening.completeExceptionally(new IllegalStateException("the server exited before listening"));
            outputEnded.complete(null);
        }

        String log() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String jar(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                property + " = " + path + ": build the jars first (mvn verify runs this test after package)");
        return path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        server = new ServerProcess("--port", Integer.toString(port), "--host", "127.0.0.1");
        try {
            server.listening.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not start within " + START + ":\n" + server.log(), e);
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = get(port, "/health");
        assertEquals(200, health.statusCode(), health.body());
        base = port;
        vertx = Vertx.vertx();
    }

    private static int base;

    @AfterAll
    static void stop() throws Exception {
        try {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(WAIT_S)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void gamesListsTheArenaAndThePlugIn() throws Exception {
        HttpResponse<String> games = get(base, "/games");
        assertEquals(200, games.statusCode());
        Set<String> names = new JsonArray(games.body()).stream()
                .map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("arena", "tanks")), names.toString());
        JsonObject tanks = new JsonArray(games.body()).stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("name").equals("tanks")).findFirst().orElseThrow();
        assertEquals(30, tanks.getInteger("tickHz"));
        assertEquals("/tanks/", tanks.getString("page"));
    }

    @Test
    void servesTheLeaderboardAndThePage() throws Exception {
        HttpResponse<String> board = get(base, "/tanks/leaderboard");
        assertEquals(200, board.statusCode());
        assertTrue(board.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject json = new JsonObject(board.body());
        assertTrue(json.containsKey("rounds") && json.getValue("players") instanceof JsonArray, board.body());
        HttpResponse<String> page = get(base, "/tanks/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("tanks.js"), page.body());
    }

    /** A client and what it saw: the tanks' names in its latest state, and its HIT payloads. */
    private static final class Player {
        final TickcastClient client;
        final CompletableFuture<Snapshot> seesTwoTanks = new CompletableFuture<>();
        final CompletableFuture<byte[]> hit = new CompletableFuture<>();

        Player(String name) throws Exception {
            client = new TickcastClient(vertx, "127.0.0.1", base);
            client.onSnapshot(s -> {
                if (names(s).containsAll(Set.of("ann", "bob"))) {
                    seesTwoTanks.complete(s);
                }
            });
            client.onGameMessage((GameMessage m) -> {
                if (m.type() == TankGame.HIT) {
                    hit.complete(m.payload());
                }
            });
            client.joinOrCreate("tanks", name).toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
        }
    }

    private static TableSnapshot tanks(Snapshot s) {
        return s.table(1);
    }

    private static int field(TableSnapshot t, String name) {
        return t.schema().fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().index();
    }

    private static Set<String> names(Snapshot s) {
        TableSnapshot t = tanks(s);
        int name = field(t, "name");
        Set<String> out = new java.util.HashSet<>();
        for (int row = 0; row < t.count(); row++) {
            out.add(t.string(row, name));
        }
        return out;
    }

    /** The position of {@code entity}, in world units (QFLOATs are sent to 0.1). */
    private static float[] position(Snapshot s, int entity) {
        TableSnapshot t = tanks(s);
        int row = t.rowOf(entity);
        return new float[] {t.value(row, field(t, "x")) / 10f, t.value(row, field(t, "y")) / 10f};
    }

    @Test
    void twoPlayersSeeEachOtherAndAShotHitsBoth() throws Exception {
        Player ann = new Player("ann");
        Player bob = new Player("bob");
        assertEquals(ann.client.seat().roomId(), bob.client.seat().roomId(), "join-or-create: one room");
        Snapshot seenByAnn = ann.seesTwoTanks.get(WAIT_S, TimeUnit.SECONDS);
        bob.seesTwoTanks.get(WAIT_S, TimeUnit.SECONDS);
        float[] from = position(seenByAnn, ann.client.welcome().entityId());
        float[] to = position(seenByAnn, bob.client.welcome().entityId());
        double angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
        int aim = (int) Math.round((angle < 0 ? angle + 2 * Math.PI : angle) * 256 / (2 * Math.PI)) & 0xFF;

        // Nobody drives, so the first shot hits; a few more (past the cooldown) only if a HIT is slow.
        byte[] hit = null;
        for (int shot = 0; shot < 5 && hit == null; shot++) {
            ann.client.sendGameMessage(TankGame.FIRE, new byte[] {(byte) aim});
            try {
                hit = ann.hit.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException notYet) {
                // fire again
            }
        }
        assertTrue(hit != null, "no HIT within 5 shots; server log:\n" + server.log());
        byte[] expected = {(byte) ann.client.welcome().playerId(), (byte) bob.client.welcome().playerId(),
                (byte) (TankGame.MAX_HP - 1)};
        assertArrayEquals(expected, hit, "shooter, target, hp left");
        assertArrayEquals(expected, bob.hit.get(WAIT_S, TimeUnit.SECONDS), "the target got the same HIT");
        assertEquals(null, ann.client.error());
        assertEquals(null, bob.client.error());
        ann.client.close();
        bob.client.close();
    }

    @Test
    void anUnknownGameIsAStartupError() throws Exception {
        ServerProcess bad = new ServerProcess("--port", Integer.toString(freePort()), "--host", "127.0.0.1",
                "--game", "nosuchgame");
        try {
            int code = bad.exited.get(START.toSeconds(), TimeUnit.SECONDS);
            assertNotEquals(0, code, bad.log());
            bad.outputEnded.get(WAIT_S, TimeUnit.SECONDS);
            assertTrue(bad.log().contains("nosuchgame"), "the error names the game:\n" + bad.log());
        } finally {
            bad.stop();
        }
    }

    @Test
    void aPluginsFolderServesTheGameItsRoutesAndItsPage() throws Exception {
        Path folder = Files.createTempDirectory("tanks-plugins-");
        Files.copy(Path.of(jar("tickcast.tanks.jar")), folder.resolve("tickcast-tanks.jar"));
        int port = freePort();
        ServerProcess plugged = new ServerProcess(jar("tickcast.server.jar"), List.of("--port", Integer.toString(port),
                "--host", "127.0.0.1", "--plugins", folder.toString(), "--game", "tanks"));
        try {
            plugged.listening.get(START.toSeconds(), TimeUnit.SECONDS);
            HttpResponse<String> games = get(port, "/games");
            assertTrue(games.body().contains("\"name\":\"tanks\"") && !games.body().contains("\"arena\""), games.body());
            assertEquals(200, get(port, "/tanks/leaderboard").statusCode(), "the extension's route");
            HttpResponse<String> page = get(port, "/tanks/");
            assertEquals(200, page.statusCode(), "the page from the plug-in jar's classpath:\n" + plugged.log());
            assertTrue(page.body().contains("<canvas"), page.body());
        } catch (Exception e) {
            throw new AssertionError(plugged.log(), e);
        } finally {
            plugged.stop();
        }
    }
}
