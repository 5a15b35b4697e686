package dev.tickcast.server.internal.http;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.server.internal.record.RealArchives;
import dev.tickcast.server.internal.record.RecordingEntry;
import dev.tickcast.server.internal.record.RecordingIds;
import dev.tickcast.server.internal.record.RecordingCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes over archives written by {@code ArchiveWriter} and read by {@link RecordingEntry#read}, over loopback. */
class RecordingsHttpTest {
    private static final String OLD = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String NEW = "Zm9vYmFyLWJhei1xdXV4Lw";
    private static final String OPEN = "b3Blbi1hbmQtd3JpdGluZw";
    private static final String CUT = "Y3V0LXNob3J0LWJ5LTEtQg";

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private HttpClient http;
    private int port;

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Buffer get(String uri, String range, int status) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(uri);
        if (range != null) {
            o.putHeader("Range", range);
        }
        return await(http.request(o).compose(req -> req.send().compose(resp -> {
            assertEquals(status, resp.statusCode(), uri + " " + range);
            return resp.body();
        })));
    }

    @Test
    void shouldListAndServeFinishedArchivesOnly() throws Exception {
        Path old = RealArchives.write(dir, OLD, "arena", "room-1", 1_764_970_000_000L, 3, 2, true);
        RealArchives.write(dir, NEW, "tanks", "room-2", 1_764_970_100_000L, 2, 4, true);
        RealArchives.write(dir, OPEN, "arena", "room-3", 1_764_970_200_000L, 2, 1, false);
        byte[] whole = Files.readAllBytes(old);
        Files.write(dir.resolve(CUT + RecordingIds.SUFFIX), Arrays.copyOf(whole, whole.length - 1));
        Router router = Router.router(vertx);
        new RecordingRoutes(vertx, new RecordingCatalogue(vertx, dir, RecordingEntry::read, System::nanoTime, 0),
                ctx -> "https://replays.example").mount(router);
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        port = server.actualPort();
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));

        JsonArray list = new JsonArray(get("/recordings", null, 200));
        assertEquals(2, list.size(), "the open file and the one cut short are not listed: " + list.encode());
        JsonObject newest = list.getJsonObject(0);
        assertEquals(NEW, newest.getString("id"));
        assertEquals("tanks", newest.getString("game"));
        assertEquals("room-2", newest.getString("room"));
        assertEquals("2025-12-05T21:28:20Z", newest.getString("startedAt"));
        assertEquals(4, newest.getInteger("players"));
        assertEquals(Files.size(dir.resolve(NEW + RecordingIds.SUFFIX)), newest.getLong("bytes"));
        assertEquals("https://replays.example/recordings/" + NEW + ".tcrec", newest.getString("url"));
        JsonObject oldest = list.getJsonObject(1);
        assertEquals(OLD, oldest.getString("id"));
        assertEquals(2, oldest.getInteger("players"));
        assertEquals(ArchiveReader.of(whole).durationMs(), oldest.getLong("durationMs"));
        assertTrue(oldest.getLong("durationMs") > 0, oldest.encode());

        Buffer file = get("/recordings/" + OLD + ".tcrec", null, 200);
        assertArrayEquals(whole, file.getBytes());
        assertTrue(ArchiveReader.of(file.getBytes()).finished(), "a reader reads the downloaded archive whole");
        Buffer trailer = get("/recordings/" + OLD + ".tcrec", "bytes=-22", 206);
        assertEquals("TCEND", new String(trailer.getBytes(13, 18), StandardCharsets.US_ASCII), "the trailer, from the end");
        get("/recordings/" + OLD + ".tcrec", "bytes=" + whole.length + "-", 416);
        get("/recordings/" + OPEN + ".tcrec", null, 404);
        get("/recordings/" + CUT + ".tcrec", null, 404);
    }
}
