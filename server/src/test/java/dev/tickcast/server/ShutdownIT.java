package dev.tickcast.server;

import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar as a process: on SIGTERM and on SIGINT every client, joined or not, sees 1001
 * (a drop: it comes back after a restart), and the process exits within a bounded time.
 */
class ShutdownIT {
    private static final long START_SECONDS = 30;
    private static final long EXIT_SECONDS = 15;

    private Vertx vertx;
    private Process server;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldCloseEveryClientWith1001OnSigterm() throws Exception {
        int port = start();
        List<CompletableFuture<int[]>> closes = clients(port);
        server.destroy();
        assertEveryoneGot1001(closes);
    }

    @Test
    void shouldCloseEveryClientWith1001OnSigint() throws Exception {
        int port = start();
        List<CompletableFuture<int[]>> closes = clients(port);
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + server.pid()).start(); // the shell builtin
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS));
        assertEveryoneGot1001(closes);
    }

    private List<CompletableFuture<int[]>> clients(int port) {
        List<CompletableFuture<int[]>> closes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Bot bot = Bot.join(vertx, port, "player" + i);
            bot.await(s -> true);
            closes.add(bot.closed);
        }
        for (int i = 0; i < 2; i++) {
            RawWebSocket idle = RawWebSocket.upgraded(vertx, port);
            closes.add(idle.closeCode.thenApply(code -> new int[] {code}));
        }
        return closes;
    }

    private void assertEveryoneGot1001(List<CompletableFuture<int[]>> closes) throws Exception {
        for (CompletableFuture<int[]> close : closes) {
            assertEquals(Protocol.CLOSE_GOING_AWAY, Bot.get(close)[0], "every client, joined or not:\n" + log());
        }
        assertTrue(server.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "the process exits:\n" + log());
    }

    private int start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String jar = System.getProperty("tickcast.server.jar", "target/tickcast-server.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + ": run after package (mvn verify)");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "--port", Integer.toString(port), "--host", "127.0.0.1").redirectErrorStream(true).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(listening), "shutdown-it-output");
        reader.setDaemon(true);
        reader.start();
        listening.get(START_SECONDS, TimeUnit.SECONDS);
        return port;
    }

    private void read(CompletableFuture<Void> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                if (line.contains("Tickcast listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            output.add("(output: " + e + ")");
        }
        listening.completeExceptionally(new IllegalStateException("the server exited before listening:\n" + log()));
    }

    private String log() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }
}
