package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.record.ArchiveReader;
import dev.tickcast.server.internal.engine.TickcastServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole server that records the arena: a disposed room's archive is listed and served over loopback. */
@ExtendWith(VertxExtension.class)
class RecordingDownloadTest {
    private static final long DEADLINE_MS = 15_000;

    @TempDir
    Path dir;
    private TickcastServer server;
    private HttpClient http;

    @AfterEach
    void tearDown() {
        if (server != null) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
    }

    private <T> T await(Future<T> f) {
        return Bot.get(f.toCompletionStage().toCompletableFuture());
    }

    /** {status, body, Content-Range}. */
    private Object[] get(String uri, String range) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.port())
                .setURI(uri);
        if (range != null) {
            o.putHeader("Range", range);
        }
        return await(http.request(o).compose(req -> req.send().compose(resp -> resp.body()
                .map(b -> new Object[] {resp.statusCode(), b, resp.getHeader("Content-Range")}))));
    }

    private JsonArray list() {
        return new JsonArray((Buffer) get("/recordings", null)[1]);
    }

    @Test
    void shouldListAndServeADisposedRoomsArchive(Vertx vertx) {
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(1)
                .with(RecordSettings.RECORD, List.of("arena")).with(RecordSettings.RECORDINGS_DIR, dir.toString())
                .with(RecordSettings.RECORDING_FRAGMENT_SECONDS, 1);
        server = await(TickcastServer.start(vertx, options, new GameRegistry().register(ArenaGame.SPEC)));
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        assertEquals(0, list().size(), "nothing recorded yet");

        Bot player = Bot.join(vertx, server.port(), "p1");
        player.await(s -> s.tick() >= 2 * ArenaGame.SPEC.tickHz());
        String roomId = new JsonArray(HttpGet.request(vertx, HttpMethod.GET, server.port(), "/rooms", null, null).body())
                .getJsonObject(0).getString("id");
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        assertTrue(server.matchmaker().dispose(roomId, "test over"));
        JsonArray list = list();
        while (list.isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "the archive is finished and listed");
            await(vertx.timer(50));
            list = list();
        }

        JsonObject entry = list.getJsonObject(0);
        assertEquals("arena", entry.getString("game"));
        assertEquals(1, entry.getInteger("players"));
        assertEquals(roomId, entry.getString("room"));
        String id = entry.getString("id");
        String path = "/recordings/" + id + ".tcrec";
        assertEquals("http://127.0.0.1:" + server.port() + path, entry.getString("url"));
        Buffer file = (Buffer) get(path, null)[1];
        assertEquals(entry.getLong("bytes"), file.length());
        assertEquals(file.length(), Bot.get(vertx.fileSystem().props(dir.resolve(id + ".tcrec").toString())
                .toCompletionStage().toCompletableFuture()).size());
        ArchiveReader reader = ArchiveReader.of(file.getBytes());
        assertTrue(reader.finished(), "the downloaded archive is whole: " + reader.damage());
        assertEquals(roomId, reader.head().roomId());
        assertTrue(reader.fragments().size() >= 2, "two seconds of 1-s fragments");
        assertEquals(reader.durationMs(), entry.getLong("durationMs"));

        Object[] head = get(path, "bytes=0-4");
        assertEquals(206, head[0]);
        assertEquals("bytes 0-4/" + file.length(), head[2]);
        assertEquals(1, ((Buffer) head[1]).getByte(0), "the HEAD block's kind");
        assertTrue(Files.exists(dir.resolve(id + ".tcrec")));
    }

    @Test
    void shouldEnforceTheDiskBudgetAsSoonAsAnArchiveIsFinished(Vertx vertx) throws Exception {
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(1)
                .with(RecordSettings.RECORD, List.of("arena")).with(RecordSettings.RECORDINGS_DIR, dir.toString())
                .with(RecordSettings.RECORDING_FRAGMENT_SECONDS, 1).with(RecordSettings.RECORDINGS_MAX_BYTES, 1L);
        server = await(TickcastServer.start(vertx, options, new GameRegistry().register(ArenaGame.SPEC)));
        Bot player = Bot.join(vertx, server.port(), "p1");
        player.await(s -> s.tick() >= ArenaGame.SPEC.tickHz());
        String roomId = new JsonArray(HttpGet.request(vertx, HttpMethod.GET, server.port(), "/rooms", null, null).body())
                .getJsonObject(0).getString("id");
        long deadline = System.currentTimeMillis() + DEADLINE_MS; // well under the budget's 30 s period
        while (archives() == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the recording's file is made");
            await(vertx.timer(50));
        }
        assertTrue(server.matchmaker().dispose(roomId, "test over"));
        while (archives() > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the finished archive is over the 1-byte budget: deleted");
            await(vertx.timer(50));
        }
    }

    private long archives() throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tcrec")).count();
        }
    }
}
