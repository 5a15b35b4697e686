package dev.tickcast.server;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without {@code --cluster} the real jar is one process as before: it serves a player, and no
 * Hazelcast class (nor any of Tickcast's cluster classes) is ever loaded, let alone initialised.
 */
class SingleProcessIT {
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
    void shouldLoadNoHazelcastClassWithoutCluster() throws Exception {
        Path classes = Files.createTempFile("tickcast-classes", ".log");
        int port = NodeProcess.freePort();
        server = NodeProcess.start("single", NodeProcess.server(List.of("-Xlog:class+load=info:file=" + classes),
                List.of("--port", Integer.toString(port), "--host", "127.0.0.1")), l -> l.contains("Tickcast listening on"));
        server.awaitReady();
        vertx = Vertx.vertx();
        Bot bot = Bot.join(vertx, port, "solo");
        bot.await(s -> true);
        server.stop();
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("dev.tickcast.server.internal.match.Matchmaker"), "the class log is written");
        assertFalse(loaded.contains("com.hazelcast."), "a Hazelcast class was loaded in single-process mode");
        assertFalse(loaded.contains("io.vertx.spi.cluster"), "the cluster manager was loaded");
        assertFalse(loaded.contains("dev.tickcast.server.internal.cluster."), "a cluster class was loaded");
        Files.deleteIfExists(classes);
    }
}
