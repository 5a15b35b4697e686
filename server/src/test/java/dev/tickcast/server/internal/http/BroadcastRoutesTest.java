package dev.tickcast.server.internal.http;

import dev.tickcast.game.GameSpec;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.record.Fragments;
import dev.tickcast.record.RecordingHead;
import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import dev.tickcast.server.internal.broadcast.LinkSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broadcast routes over loopback on a controlled clock: the delay, the contract's headers and codes, signing, eviction. */
class BroadcastRoutesTest {
    private static final int D = 10_000;
    private static final GameSpec SPEC = GameSpec.of("arena", () -> null);
    private static final RecordingHead HEAD = RecordingHead.of("arena", "r-1", 5L, 60, 3, 60, new byte[] {0x21, 1, 2});
    private static final byte[] SECRET = "a-broadcast-secret-for-the-tests-0123456789".getBytes(StandardCharsets.UTF_8);

    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong clock = new AtomicLong(1000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Broadcasts broadcasts = new Broadcasts(clock::get, D, new LinkSigner(SECRET), 3600);
    private HttpClient http;
    private int port;

    private record Answer(int status, MultiMap headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        JsonObject json() {
            return new JsonObject(new String(body, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void start() throws Exception {
        Router router = Router.router(vertx);
        new BroadcastRoutes(broadcasts, registry).mount(router);
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

    private Answer send(HttpMethod method, String uri) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
        return await(http.request(o).compose(req -> req.send().compose(resp -> resp.body()
                .map(b -> new Answer(resp.statusCode(), resp.headers(), b.getBytes())))));
    }

    private Answer get(String uri) throws Exception {
        return send(HttpMethod.GET, uri);
    }

    /** A fragment block of number {@code n}: start tick 3 + 60n, a keyframe and two snapshots. */
    static byte[] fragment(int n) {
        FragmentBuilder b = new FragmentBuilder();
        b.begin(n, 3 + 60 * n, new byte[] {0x22, (byte) n, 7, 7});
        b.snapshot(3 + 60 * n, new byte[] {0x22, 1}, 0, 2);
        b.snapshot(6 + 60 * n, new byte[] {0x22, 2}, 0, 2);
        return b.finish();
    }

    private Broadcast open(boolean listed) {
        Broadcast b = broadcasts.open("r-1", SPEC);
        b.listed(listed);
        b.start(HEAD);
        return b;
    }

    @Test
    void shouldPublishEachFragmentDelayedWithTheContractsObjectsAndHeaders() throws Exception {
        Broadcast b = open(true);
        String base = "/broadcasts/" + b.id();
        byte[] f0 = fragment(0);
        b.fragment(f0); // C(0) = 1000
        Answer early = get(base + "/sync");
        assertEquals(404, early.status());
        assertEquals("no-store", early.header("Cache-Control"));
        clock.set(1000 + D - 1);
        assertEquals(404, get(base + "/0/delta").status(), "not before C(0) + D");
        assertEquals("no-store", get(base + "/0/delta").header("Cache-Control"));
        clock.set(1000 + D);
        Answer sync = get(base + "/sync");
        assertEquals(200, sync.status());
        assertEquals("public, max-age=1", sync.header("Cache-Control"));
        assertEquals("application/json", sync.header("content-type"));
        assertEquals(new JsonObject().put("protocolVersion", HEAD.protocolVersion()).put("formatVersion", 1)
                .put("game", "arena").put("room", "r-1").put("tickHz", 60).put("snapshotEveryTicks", 3)
                .put("fragmentTicks", 60).put("delayMs", D).put("fragment", 0).put("startTick", 3).put("endTick", 63)
                .put("endAgeMs", D).put("oldest", 0).put("ended", false), sync.json());
        Answer start = get(base + "/0/start");
        assertArrayEquals(HEAD.toBlock(), start.body());
        assertEquals(RecordingRoutes.IMMUTABLE, start.header("Cache-Control"));
        assertEquals("application/octet-stream", start.header("content-type"));
        int[] full = Fragments.full(f0);
        assertArrayEquals(Arrays.copyOfRange(f0, full[0], full[0] + full[1]), get(base + "/0/full").body());
        Answer delta = get(base + "/0/delta");
        assertArrayEquals(Fragments.withoutFull(f0), delta.body());
        assertEquals(RecordingRoutes.IMMUTABLE, delta.header("Cache-Control"));
        Answer head = send(HttpMethod.HEAD, base + "/0/delta");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(delta.body().length), head.header("content-length"));
        assertEquals(0, head.body().length);
        assertEquals(404, get(base + "/1/delta").status());
        assertEquals(404, get(base + "/2147483647/full").status());
        assertTrue(registry.get("tickcast.broadcast.requests").tag("object", "delta").tag("status", "2xx").counter()
                .count() >= 1);
    }

    @Test
    void shouldRefuseBadNumbersObjectsAndIds() throws Exception {
        Broadcast b = open(true);
        b.fragment(fragment(0));
        clock.addAndGet(D);
        String base = "/broadcasts/" + b.id();
        for (String n : new String[] {"x", "-1", "2147483648", "1e3", "99999999999", "+1"}) {
            Answer a = get(base + "/" + n + "/delta");
            assertEquals(400, a.status(), n);
            assertEquals("no-store", a.header("Cache-Control"));
            assertNotNull(a.json().getString("error"));
        }
        assertEquals(404, get(base + "/0/other").status());
        assertEquals(404, get("/broadcasts/short/sync").status());
        assertEquals(404, get("/broadcasts/AAAAAAAAAAAAAAAAAAAAAA/sync").status());
        assertEquals(404, get("/broadcasts/" + b.id() + "/0").status());
        assertEquals(200, get(base + "/00/delta").status(), "a decimal with a leading zero");
    }

    @Test
    void shouldHoldSixtySecondsOrThreeFragmentsThenSayGoneAndEndAndDrop() throws Exception {
        Broadcast b = open(true);
        String base = "/broadcasts/" + b.id();
        for (int n = 0; n <= 20; n++) {
            clock.set(1000 + 4000L * n);
            b.fragment(fragment(n));
        }
        clock.set(81_000 + D); // fragment 20 just published; 0..5 were published 60 s ago or more
        assertEquals(6, get(base + "/sync").json().getInteger("oldest"));
        Answer gone = get(base + "/5/delta");
        assertEquals(410, gone.status());
        assertEquals("public, max-age=60", gone.header("Cache-Control"));
        assertEquals(200, get(base + "/6/delta").status());
        b.end();
        clock.set(81_000 + D + Broadcast.LINGER_MS - 1); // the newest three stay however old
        JsonObject sync = get(base + "/sync").json();
        assertEquals(18, sync.getInteger("oldest"));
        assertEquals(20, sync.getInteger("fragment"));
        assertTrue(sync.getBoolean("ended"));
        assertEquals(3 + 60 * 20 + 3 + 3, sync.getInteger("endTick"), "the last entry's tick + snapshotEveryTicks");
        assertEquals(410, get(base + "/17/full").status());
        assertEquals(200, get(base + "/18/full").status());
        clock.set(81_000 + D + Broadcast.LINGER_MS);
        assertEquals(404, get(base + "/sync").status(), "dropped a minute after it ended");
        assertEquals(0, broadcasts.size());
    }

    @Test
    void shouldNotEndBeforeTheLastFragmentIsPublished() throws Exception {
        Broadcast b = open(true);
        b.fragment(fragment(0));
        clock.set(2000);
        b.fragment(fragment(1));
        b.end();
        clock.set(1000 + D);
        JsonObject sync = get("/broadcasts/" + b.id() + "/sync").json();
        assertEquals(0, sync.getInteger("fragment"));
        assertEquals(false, sync.getBoolean("ended"));
        clock.set(2000 + D);
        assertEquals(true, get("/broadcasts/" + b.id() + "/sync").json().getBoolean("ended"));
    }

    @Test
    void shouldAskAPrivateRoomsViewersForASignedUnexpiredLink() throws Exception {
        Broadcast b = open(false);
        b.fragment(fragment(0));
        clock.addAndGet(D);
        String base = "/broadcasts/" + b.id();
        LinkSigner signer = new LinkSigner(SECRET);
        long now = clock.get() / 1000;
        Answer none = get(base + "/sync");
        assertEquals(403, none.status());
        assertEquals("no-store", none.header("Cache-Control"));
        assertTrue(none.json().getString("error").contains("signed"), none.json().encode());
        String other = new LinkSigner("another-secret-another-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                .query(b.id(), now + 60);
        assertTrue(get(base + "/sync?" + other).json().getString("error").contains("signature"));
        assertEquals(403, get(base + "/0/delta?" + other).status());
        assertEquals(403, get(base + "/0/delta?exp=abc&sig=x").status());
        Answer expired = get(base + "/0/delta?" + signer.query(b.id(), now));
        assertEquals(403, expired.status());
        assertTrue(expired.json().getString("error").contains("expired"));
        String good = signer.query(b.id(), now + 60);
        assertEquals(200, get(base + "/sync?" + good).status());
        assertEquals(200, get(base + "/0/start?" + good).status());
        assertEquals(200, get(base + "/0/full?" + good).status());
        assertEquals(200, get(base + "/0/delta?" + good).status());
        assertEquals(403, get("/broadcasts/" + open(false).id() + "/sync?" + good).status(), "another broadcast's link");
        String link = b.link();
        assertTrue(link.startsWith(base + "/sync?exp=" + (now + 3600) + "&sig="), link);
        assertEquals(200, get(link).status());
        b.listed(true);
        assertEquals(base + "/sync", b.link());
        assertEquals(200, get(base + "/sync").status(), "a public room ignores the query");
    }

    @Test
    void shouldForgetTheBroadcastsOfDisposedRooms() {
        Broadcasts many = new Broadcasts(clock::get, 0, LinkSigner.random(), 60);
        for (int i = 0; i < 100; i++) {
            Broadcast b = many.open("r-" + i, SPEC);
            b.start(HEAD);
            b.fragment(fragment(0));
            b.end();
        }
        Broadcast closedEmpty = many.open("r-empty", SPEC);
        closedEmpty.end();
        assertEquals(101, many.size());
        assertNull(many.open("r-silent", SPEC.broadcastDelayMs(GameSpec.NO_BROADCAST)));
        clock.addAndGet(Broadcast.LINGER_MS);
        many.sweep();
        assertEquals(0, many.size());
        assertEquals(D, broadcasts.open("r-x", SPEC).delayMs());
        assertEquals(0, broadcasts.open("r-y", SPEC.broadcastDelayMs(0)).delayMs());
    }
}
