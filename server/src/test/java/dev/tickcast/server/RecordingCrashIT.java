package dev.tickcast.server;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.Replay;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the real jar while a room records: the file plays up to its last whole fragment
 * (every snapshot in it decodes), and the next server on the folder finishes it and lists it.
 */
class RecordingCrashIT {
    /** The arena's tick rate: 60 Hz; fragments of 1 s. */
    private static final int TICK_HZ = 60;
    private static final long WAIT_MS = 15_000;

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private final List<NodeProcess> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (NodeProcess s : servers) {
            s.kill();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldLeaveAPlayableFileAndFinishItAtTheNextStart() throws Exception {
        Path recordings = dir.resolve("recordings");
        int port = NodeProcess.freePort();
        NodeProcess first = start(recordings, port);
        Bot ann = Bot.join(vertx, port, "ann");
        Bot.join(vertx, port, "bob");
        int from = ann.lastTick;
        ann.await(s -> s.tick() >= from + 5 * TICK_HZ); // five fragments built on the room's thread
        Path file = archive(recordings);
        int written = awaitFragments(file, 3);

        first.kill(); // SIGKILL: no shutdown hook, nothing finished

        ArchiveReader crashed = ArchiveReader.read(file);
        assertTrue(crashed.fragments().size() >= written, "every fragment forced before the kill is there");
        assertTrue(!crashed.finished(), "no index, no trailer");
        Replay replay = crashed.replay();
        assertTrue(replay.seek(crashed.fragments().get(0).startTick()), replay.error());
        int snapshots = 1;
        while (replay.next()) {
            snapshots++;
        }
        assertNull(replay.error(), "every snapshot up to the last whole fragment decodes");
        assertTrue(snapshots >= written * 20 - 1, snapshots + " snapshots in " + written + " fragments");

        int again = NodeProcess.freePort();
        start(recordings, again);
        JsonObject listed = awaitListed(again);
        assertEquals(file.getFileName().toString(), listed.getString("id") + ".tcrec");
        assertEquals("arena", listed.getString("game"));
        assertEquals(2, listed.getInteger("players"));
        assertTrue(ArchiveReader.read(file).finished(), "finished by the next server's disk budget");
    }

    private NodeProcess start(Path recordings, int port) throws Exception {
        NodeProcess node = NodeProcess.start("server-" + port, NodeProcess.server(List.of(), List.of(
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--record", "arena",
                "--recordings-dir", recordings.toString(), "--recording-fragment-seconds", "1")),
                line -> line.contains("Tickcast listening on"));
        servers.add(node);
        node.awaitReady();
        return node;
    }

    private static Path archive(Path recordings) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(recordings, "*.tcrec")) {
            List<Path> all = new ArrayList<>();
            files.forEach(all::add);
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /** Polls the file (written by the server's worker, forced per fragment) until it holds {@code n} fragments. */
    private static int awaitFragments(Path file, int n) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            int have = ArchiveReader.read(file).fragments().size();
            if (have >= n || System.currentTimeMillis() > deadline) {
                assertTrue(have >= n, have + " fragments on the disk");
                return have;
            }
            Thread.sleep(50); // polling a file another process writes: no event to wait on
        }
    }

    private JsonObject awaitListed(int port) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            HttpGet.Answer a = HttpGet.request(vertx, HttpMethod.GET, port, "/recordings", null, null);
            JsonArray list = a.status() == 200 ? new JsonArray(a.body()) : null;
            if (list != null && !list.isEmpty()) {
                return list.getJsonObject(0);
            }
            assertTrue(System.currentTimeMillis() < deadline, "listed after the restart: " + a.body());
            Thread.sleep(100); // the budget's first pass runs on a worker after the start
        }
    }
}
