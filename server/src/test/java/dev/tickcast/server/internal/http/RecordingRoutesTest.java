package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.record.FakeArchives;
import dev.tickcast.server.internal.record.RecordingCatalogue;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET and HEAD of /recordings and /recordings/{id}.tcrec over loopback, on a directory of stand-in archives. */
class RecordingRoutesTest {
    private static final String A = FakeArchives.id('A');
    private static final String B = FakeArchives.id('B');
    private static final String BUSY = FakeArchives.id('w');

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private HttpClient http;
    private int port;
    private byte[] a;

    private record Answer(int status, MultiMap headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    @BeforeEach
    void start() throws Exception {
        a = Files.readAllBytes(FakeArchives.write(dir, A, 3000, true, 1_700_000_000_000L, 1));
        FakeArchives.write(dir, B, 2000, true, 1_700_000_100_000L, 2);
        FakeArchives.write(dir, BUSY, 500, false, 1_700_000_200_000L, 3);
        Files.writeString(dir.resolve("secret.txt"), "not an archive");
        Router router = Router.router(vertx);
        RecordingCatalogue recordings = new RecordingCatalogue(vertx, dir, FakeArchives::read, System::nanoTime, 1000);
        new RecordingRoutes(vertx, recordings, ctx -> "http://play.example").mount(router);
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        port = server.actualPort();
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Answer send(HttpMethod method, String uri, String range) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
        if (range != null) {
            o.putHeader("Range", range);
        }
        return await(http.request(o).compose(req -> req.send().compose(resp -> resp.body()
                .map(b -> new Answer(resp.statusCode(), resp.headers(), b.getBytes())))));
    }

    private Answer get(String uri, String range) throws Exception {
        return send(HttpMethod.GET, uri, range);
    }

    @Test
    void shouldListTheFinishedArchivesNewestFirst() throws Exception {
        Answer answer = get("/recordings", null);
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("content-type"));
        JsonArray list = new JsonArray(Buffer.buffer(answer.body()));
        assertEquals(2, list.size(), "the unfinished file is not listed");
        JsonObject first = list.getJsonObject(0);
        assertEquals(B, first.getString("id"));
        assertEquals(A, list.getJsonObject(1).getString("id"));
        assertEquals(new JsonObject().put("id", B).put("game", "arena").put("room", "room-B")
                .put("startedAt", "2023-11-14T22:15:00Z").put("durationMs", 4000).put("bytes", 2000).put("players", 3)
                .put("url", "http://play.example/recordings/" + B + ".tcrec"), first);
        assertEquals(200, send(HttpMethod.HEAD, "/recordings", null).status());
    }

    @Test
    void shouldServeTheWholeArchiveAsAnImmutableFile() throws Exception {
        Answer whole = get("/recordings/" + A + ".tcrec", null);
        assertEquals(200, whole.status());
        assertArrayEquals(a, whole.body());
        assertEquals("application/octet-stream", whole.header("content-type"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertEquals("public, max-age=31536000, immutable", whole.header("Cache-Control"));
        assertEquals("3000", whole.header("content-length"));
        assertNull(whole.header("Content-Range"));

        Answer head = send(HttpMethod.HEAD, "/recordings/" + A + ".tcrec", null);
        assertEquals(200, head.status());
        assertEquals("3000", head.header("content-length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void shouldServeOneRange() throws Exception {
        String uri = "/recordings/" + A + ".tcrec";
        Answer part = get(uri, "bytes=100-199");
        assertEquals(206, part.status());
        assertEquals("bytes 100-199/3000", part.header("Content-Range"));
        assertEquals("100", part.header("content-length"));
        assertArrayEquals(Arrays.copyOfRange(a, 100, 200), part.body());

        Answer suffix = get(uri, "bytes=-22");
        assertEquals(206, suffix.status());
        assertEquals("bytes 2978-2999/3000", suffix.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(a, 2978, 3000), suffix.body(), "the trailer's bytes, read from the end");

        Answer open = get(uri, "bytes=2990-");
        assertEquals(206, open.status());
        assertArrayEquals(Arrays.copyOfRange(a, 2990, 3000), open.body());

        Answer past = get(uri, "bytes=3000-");
        assertEquals(416, past.status());
        assertEquals("bytes */3000", past.header("Content-Range"));

        Answer several = get(uri, "bytes=0-1,5-9");
        assertEquals(200, several.status(), "several ranges: the whole file");
        assertArrayEquals(a, several.body());

        Answer headPart = send(HttpMethod.HEAD, uri, "bytes=0-9");
        assertEquals(206, headPart.status());
        assertEquals("10", headPart.header("content-length"));
        assertEquals(0, headPart.body().length);
    }

    @Test
    void shouldAnswer404ForAnythingButAFinishedArchive() throws Exception {
        String[] uris = {
            "/recordings/" + BUSY + ".tcrec", // being written
            "/recordings/" + FakeArchives.id('z') + ".tcrec", // no such file
            "/recordings/" + A, // no suffix
            "/recordings/" + A + ".tcrec.bak",
            "/recordings/" + A.substring(1) + ".tcrec", // 21 characters
            "/recordings/" + A + "A.tcrec", // 23 characters
            "/recordings/secret.txt",
            "/recordings/..%2Fsecret.txt",
            "/recordings/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/recordings/%2E%2E%2F" + A.substring(6) + ".tcrec",
            "/recordings/" + A.substring(2) + "%2E%2E.tcrec",
            "/recordings/a/b",
        };
        for (String uri : uris) {
            Answer answer = get(uri, null);
            assertEquals(404, answer.status(), uri);
            assertEquals("no such recording", new JsonObject(Buffer.buffer(answer.body())).getString("error"), uri);
        }
    }
}
