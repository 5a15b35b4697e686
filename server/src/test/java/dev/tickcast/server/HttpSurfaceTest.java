package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickcast.games.arena.ArenaGame;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP side against what an anonymous client on the open internet sends (issue 16, items 2, 5,
 * 6, 7, 12 and 16), over real loopback sockets with hand-written requests: the metrics port, the
 * cardinality of Vert.x's HTTP meters, uploads, malformed URIs, security headers, the matchmaking
 * body's type and origin, and the active-requests gauge.
 */
class HttpSurfaceTest {
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final Path UPLOADS = Path.of("file-uploads");
    private static final String ADMIN = "an-admin-token-of-some-length";
    /** Monitoring.MAX_METRICS_CONNECTIONS (a literal, so that the test also compiles against 34b1b3b). */
    private static final int METRICS_CONNECTIONS = 16;

    private Vertx vertx;
    private TickcastServer server;
    private final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();

    @BeforeEach
    void createVertx() {
        vertx = TickcastMetrics.vertx(new VertxOptions());
    }

    @AfterEach
    void stop() throws Exception {
        appenders.forEach(a -> root().detachAppender(a));
        if (server != null) {
            Bot.get(server.shutdown().toCompletionStage().toCompletableFuture());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private TickcastServer start(TickcastOptions options) {
        server = Bot.get(TickcastServer.start(vertx, options.withAddress("127.0.0.1", 0).withEventLoops(1),
                new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture());
        return server;
    }

    private TickcastServer startDefault() {
        return start(TickcastOptions.defaults());
    }

    // ---- item 2 and 12: the metrics port ----

    @Test
    void shouldAnswerNoHttp2OnTheMetricsPort() throws Exception {
        int metricsPort = start(TickcastOptions.defaults().withMetrics(true, freePort())).metricsPort();
        try (RawHttp h = new RawHttp(metricsPort)) {
            h.send(http2Preface());
            h.readUntil(s -> s.length() >= 9);
            byte[] got = h.received().getBytes(StandardCharsets.ISO_8859_1);
            assertFalse(got.length >= 9 && got[3] == 0x04, "an HTTP/2 SETTINGS frame answered the preface");
            // the preface's request line "PRI * HTTP/2.0" read as HTTP/1.x: a text refusal, or nothing
            assertTrue(got.length == 0 || h.received().startsWith("HTTP/") && RawHttp.statusOfAnyVersion(h.received()) >= 400,
                    "an HTTP/1.x refusal or nothing: " + h.received());
        }
        try (RawHttp h = new RawHttp(metricsPort)) {
            String answer = h.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").answer();
            assertEquals(200, RawHttp.status(answer), "HTTP/1.1 still scrapes");
            assertEquals("nosniff", RawHttp.header(answer, "X-Content-Type-Options"));
        }
        try (RawHttp h = new RawHttp(metricsPort)) {
            assertEquals(400, RawHttp.status(h.send("GET /% HTTP/1.1\r\nHost: x\r\n\r\n").answer()));
        }
    }

    @Test
    void shouldCloseAnIdleConnectionToTheMetricsPort() throws Exception {
        int metricsPort = start(TickcastOptions.defaults().withMetrics(true, freePort()).withHttpIdleTimeoutMs(300))
                .metricsPort();
        try (RawHttp silent = new RawHttp(metricsPort); RawHttp halfSent = new RawHttp(metricsPort)) {
            halfSent.send("GET /metr");
            assertTrue(silent.awaitClose(), "a connection that sends nothing is closed");
            assertTrue(halfSent.awaitClose(), "a half-sent request is closed");
            assertEquals("", halfSent.received(), "without an answer");
        }
    }

    @Test
    void shouldCapTheConnectionsToTheMetricsPort() throws Exception {
        int metricsPort = start(TickcastOptions.defaults().withMetrics(true, freePort())).metricsPort();
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < METRICS_CONNECTIONS; i++) {
                RawHttp h = new RawHttp(metricsPort);
                held.add(h);
                assertEquals(200, RawHttp.status(h.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").answer()));
            }
            try (RawHttp over = new RawHttp(metricsPort)) {
                over.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(over.awaitClose(), "one connection too many is closed");
                assertEquals("", over.received(), "without an answer");
            }
            held.remove(0).close();
            awaitTrue(() -> {
                try (RawHttp again = new RawHttp(metricsPort)) {
                    return RawHttp.status(again.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").answer()) == 200;
                } catch (IOException e) {
                    return false;
                }
            }, "a freed slot serves again");
        } finally {
            for (RawHttp h : held) {
                h.close();
            }
        }
    }

    // ---- item 5: metric cardinality ----

    @Test
    void shouldKeepTheSeriesBoundedUnderMadeUpMethods() throws Exception {
        int port = startDefault().port();
        scrape(port);
        int before = series(scrape(port));
        int methods = 300;
        try (RawHttp h = new RawHttp(port)) {
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < methods; i++) {
                flood.append(String.format("X%07d / HTTP/1.1\r\nHost: x\r\n\r\n", i));
            }
            h.send(flood.toString());
            assertTrue(h.readUntil(s -> RawHttp.count(s, "HTTP/1.1 ") >= methods), "every made-up method answered");
            assertEquals(methods, RawHttp.count(h.received(), "HTTP/1.1 404 "));
        }
        String after = scrape(port);
        assertFalse(after.contains("X0000001"), "a made-up method is no label value");
        assertTrue(after.contains("method=\"other\""), "made-up methods count as other");
        int grown = series(after) - before;
        assertTrue(grown < 40, methods + " made-up methods added " + grown + " series");
    }

    // ---- item 6: uploads ----

    @Test
    void shouldRefuseMultipartUploadsAndWriteNoFile() throws Exception {
        deleteUploads();
        int port = start(TickcastOptions.defaults().withAdminToken(ADMIN)).port();
        String body = "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(1000) + "\r\n--XX--\r\n";
        String head = "Host: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XX\r\n";
        try (RawHttp h = new RawHttp(port)) {
            String answer = h.send("POST /matchmake/arena HTTP/1.1\r\n" + head + "Content-Length: " + body.length()
                    + "\r\n\r\n" + body).answer();
            assertEquals(415, RawHttp.status(answer), answer);
        }
        try (RawHttp h = new RawHttp(port)) {
            String answer = h.send("POST /matchmake/arena HTTP/1.1\r\n" + head + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").answer();
            assertEquals(415, RawHttp.status(answer), "a chunked upload: " + answer);
        }
        try (RawHttp h = new RawHttp(port)) {
            String answer = h.send("POST /admin/announce HTTP/1.1\r\n" + head + "Authorization: Bearer " + ADMIN
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).answer();
            assertTrue(RawHttp.status(answer) >= 400, "no announcement from a form: " + answer);
        }
        assertFalse(Files.exists(UPLOADS), "no upload directory, no uploaded file");
    }

    // ---- item 7: malformed URIs and aborted downloads ----

    @Test
    void shouldAnswer400ToMalformedEscapesWithAtMostAFewLogLines() throws Exception {
        int port = startDefault().port();
        ListAppender<ILoggingEvent> log = capture();
        int requests = 1000;
        try (RawHttp h = new RawHttp(port)) {
            h.send("GET /% HTTP/1.1\r\nHost: x\r\n\r\n".repeat(requests));
            assertTrue(h.readUntil(s -> RawHttp.count(s, "HTTP/1.1 ") >= requests), "every request answered");
            assertEquals(requests, RawHttp.count(h.received(), "HTTP/1.1 400 "));
        }
        List<ILoggingEvent> lines = List.copyOf(log.list);
        assertTrue(lines.size() <= 3, lines.size() + " log lines: " + lines);
        for (ILoggingEvent e : lines) {
            assertEquals(null, e.getThrowableProxy(), "no stack trace: " + e);
            assertTrue(e.getLevel().toInt() < Level.WARN_INT, "no warning or error: " + e);
        }
        for (String request : List.of("GET /%zz HTTP/1.1", "GET /a%2 HTTP/1.1", "POST /matchmake/arena?a=% HTTP/1.1",
                "POST /matchmake/a%zz HTTP/1.1")) {
            try (RawHttp h = new RawHttp(port)) {
                String answer = h.send(request + "\r\nHost: x\r\nContent-Length: 0\r\n\r\n").answer();
                assertEquals(400, RawHttp.status(answer), request);
                assertTrue(answer.contains("{\"error\":"), "a JSON error: " + answer);
                assertEquals("nosniff", RawHttp.header(answer, "X-Content-Type-Options"), request);
            }
        }
    }

    @Test
    void shouldLogNoErrorForAnAbortedDownload() throws Exception {
        TickcastServer s = startDefault();
        byte[] chunk = new byte[64 * 1024];
        s.tickcast().router().get("/big").handler(ctx -> {
            ctx.response().setChunked(true);
            writeBig(ctx.vertx(), ctx.response(), Buffer.buffer(chunk), 64 * 1024 * 1024 / chunk.length);
        });
        ListAppender<ILoggingEvent> log = capture();
        for (int i = 0; i < 3; i++) {
            try (RawHttp h = new RawHttp(s.port())) {
                h.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(h.readUntil(r -> r.length() > 100_000), "the download started");
                h.reset();
            }
        }
        MeterRegistry registry = s.meterRegistry();
        awaitTrue(() -> activeRequests(registry) == 0, "the aborted downloads are no active requests");
        List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        assertTrue(errors.isEmpty(), "ERROR lines: " + errors);
    }

    /** Writes {@code left} chunks, following the write queue, until done or the connection is gone. */
    private static void writeBig(Vertx vertx, io.vertx.core.http.HttpServerResponse response, Buffer chunk, int left) {
        if (left == 0 || response.closed()) {
            if (!response.closed()) {
                response.end();
            }
            return;
        }
        response.write(chunk);
        if (response.writeQueueFull()) {
            response.drainHandler(v -> writeBig(vertx, response, chunk, left - 1));
        } else {
            vertx.runOnContext(v -> writeBig(vertx, response, chunk, left - 1));
        }
    }

    // ---- item 12: headers, the matchmaking body and origin, the active-requests gauge ----

    @Test
    void shouldSendTheSecurityHeadersOnEveryAnswer() throws Exception {
        int port = startDefault().port();
        for (String request : List.of("GET / HTTP/1.1", "GET /arena/ HTTP/1.1", "GET /sdk/index.js HTTP/1.1",
                "GET /viewer/ HTTP/1.1", "GET /viewer HTTP/1.1", "GET /health HTTP/1.1", "GET /games HTTP/1.1",
                "GET /metrics HTTP/1.1", "GET /no/such/page HTTP/1.1",
                "DELETE /health HTTP/1.1", "POST /matchmake/nosuchgame HTTP/1.1", "X0000001 / HTTP/1.1")) {
            try (RawHttp h = new RawHttp(port)) {
                String answer = h.send(request + "\r\nHost: x\r\nContent-Length: 0\r\n\r\n").answer();
                assertTrue(RawHttp.status(answer) > 0, request + ": " + answer);
                assertEquals("nosniff", RawHttp.header(answer, "X-Content-Type-Options"), request);
                assertEquals("DENY", RawHttp.header(answer, "X-Frame-Options"), request);
                String csp = RawHttp.header(answer, "Content-Security-Policy");
                assertNotNull(csp, request);
                assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
                        && csp.contains("connect-src 'self' ws: wss:"), csp);
            }
        }
    }

    @Test
    void shouldServeTheViewerPageToAnyoneAndRedirectItsBarePath() throws Exception {
        int port = startDefault().port();
        try (RawHttp h = new RawHttp(port)) {
            String page = h.send("GET /viewer/ HTTP/1.1\r\nHost: x\r\n\r\n").answer();
            assertEquals(200, RawHttp.status(page), page);
            assertTrue(page.contains("viewer.js"), page);
        }
        try (RawHttp h = new RawHttp(port)) {
            String bare = h.send("GET /viewer HTTP/1.1\r\nHost: x\r\n\r\n").answer();
            assertEquals(302, RawHttp.status(bare), bare);
            assertEquals("/viewer/", RawHttp.header(bare, "Location"));
        }
        try (RawHttp h = new RawHttp(port)) {
            String script = h.send("GET /viewer/dots.js HTTP/1.1\r\nHost: x\r\n\r\n").answer();
            assertEquals(200, RawHttp.status(script), script);
            assertTrue(RawHttp.header(script, "Content-Type").contains("javascript"), script);
        }
    }

    @Test
    void shouldRefuseAMatchmakingBodyThatIsNotJson() throws Exception {
        int port = startDefault().port();
        String json = "{\"name\":\"ann\"}";
        assertEquals(415, matchmake(port, "Content-Type: text/plain\r\n", json));
        assertEquals(415, matchmake(port, "", json), "no type");
        assertEquals(415, matchmake(port, "Content-Type: application/x-www-form-urlencoded\r\n", "name=ann"));
        assertEquals(415, matchmake(port, "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", json),
                "a chunked body");
        assertEquals(200, matchmake(port, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", json));
        assertEquals(200, matchmake(port, "Content-Type: application/json\r\n", json));
        assertEquals(200, matchmake(port, "Content-Type: Application/JSON; charset=utf-8\r\n", json));
        assertEquals(200, matchmake(port, "", ""), "an empty body needs no type");
        assertEquals(200, matchmake(port, "Content-Type: text/plain;charset=UTF-8\r\n", ""), "fetch with body ''");
    }

    @Test
    void shouldRefuseMatchmakingFromAForeignOrigin() throws Exception {
        int port = startDefault().port();
        String json = "Content-Type: application/json\r\n";
        assertEquals(403, matchmake(port, json + "Origin: https://evil.example\r\n", ""));
        assertEquals(403, matchmake(port, json + "Origin: null\r\n", ""), "a sandboxed page");
        assertEquals(200, matchmake(port, json + "Origin: http://127.0.0.1:" + port + "\r\n", ""), "its own origin");
        assertEquals(200, matchmake(port, json + "Origin: http://localhost:3000\r\n", ""), "localhost, no allowlist");
        assertEquals(200, matchmake(port, json, ""), "no Origin: not a browser");
    }

    @Test
    void shouldEndTheActiveRequestsOfAClosedConnection() throws Exception {
        TickcastServer s = startDefault();
        MeterRegistry registry = s.meterRegistry();
        for (String request : List.of("POST /no/such/path HTTP/1.1", "POST /matchmake/arena HTTP/1.1",
                "PUT /health HTTP/1.1")) {
            try (RawHttp h = new RawHttp(s.port())) {
                String answer = h.send(request + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\n\r\n{\"na").answer();
                assertTrue(RawHttp.status(answer) >= 400, "answered before the body: " + answer);
            }
        }
        awaitTrue(() -> activeRequests(registry) == 0, "requests answered early and abandoned are no longer active");
        try (RawHttp h = new RawHttp(s.port())) {
            h.send("POST /matchmake/arena HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{");
            awaitTrue(() -> activeRequests(registry) == 1, "a request in progress is active");
        }
        awaitTrue(() -> activeRequests(registry) == 0, "and no longer once its client is gone");
        double resets = registry.find("vertx.http.server.request.resets").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        Vertx clients = Vertx.vertx();
        try {
            Bot player = Bot.join(clients, s.port(), "ann");
            player.welcome();
            player.client.close();
            awaitTrue(() -> activeRequests(registry) == 0, "a WebSocket's upgrade request is no active request");
        } finally {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertEquals(resets, registry.find("vertx.http.server.request.resets").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum(), "a WebSocket's close is no reset");
    }

    // ---- item 16: the public URL's origin ----

    @Test
    void shouldAcceptThePublicUrlsOriginAndRefuseAForeignOne() throws Exception {
        int port = start(TickcastOptions.defaults().withPublicUrl("https://play.example.com/")).port();
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, port, "Origin: https://play.example.com\r\n").status),
                "the handshake, from a page of the public URL");
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, port, "Origin: https://PLAY.example.com:443\r\n").status),
                "the same origin, spelt otherwise");
        assertEquals(403, Bot.get(RawWebSocket.open(vertx, port, "Origin: https://evil.example\r\n").status));
        assertEquals(403, Bot.get(RawWebSocket.open(vertx, port, "Origin: http://play.example.com\r\n").status),
                "another scheme is another origin");
        String json = "Content-Type: application/json\r\n";
        assertEquals(200, matchmake(port, json + "Origin: https://play.example.com\r\n", ""));
        assertEquals(403, matchmake(port, json + "Origin: https://evil.example\r\n", ""));
    }

    @Test
    void shouldApplyTheAllowlistToMatchmakingToo() throws Exception {
        int port = start(TickcastOptions.defaults().allowOrigin("https://game.example.com")).port();
        String json = "Content-Type: application/json\r\n";
        assertEquals(200, matchmake(port, json + "Origin: https://game.example.com\r\n", ""));
        assertEquals(403, matchmake(port, json + "Origin: http://localhost:3000\r\n", ""), "no localhost with a list");
        assertEquals(403, Bot.get(RawWebSocket.open(vertx, port, "Origin: http://localhost:3000\r\n").status));
    }

    // ---- helpers ----

    private static int matchmake(int port, String headers, String body) throws IOException {
        try (RawHttp h = new RawHttp(port)) {
            boolean chunked = headers.contains("chunked");
            String framed = chunked ? Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n" : body;
            String answer = h.send("POST /matchmake/arena HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                    + (chunked ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    + "\r\n" + framed).answer();
            int status = RawHttp.status(answer);
            assertEquals("application/json", RawHttp.header(answer, "content-type"), answer);
            return status;
        }
    }

    private static String scrape(int port) throws IOException {
        try (RawHttp h = new RawHttp(port)) {
            String answer = h.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").answer();
            h.awaitClose();
            assertEquals(200, RawHttp.status(h.received()));
            return h.received();
        }
    }

    /** Lines of the Prometheus text format that are samples. */
    private static int series(String scrape) {
        String body = scrape.substring(scrape.indexOf("\r\n\r\n") + 4);
        return (int) body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    private static double activeRequests(MeterRegistry registry) {
        return registry.find("vertx.http.server.active.requests").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private static byte[] http2Preface() {
        byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
        byte[] all = new byte[preface.length + settings.length];
        System.arraycopy(preface, 0, all, 0, preface.length);
        System.arraycopy(settings, 0, all, preface.length, settings.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteUploads() throws IOException {
        if (Files.exists(UPLOADS)) {
            try (Stream<Path> files = Files.walk(UPLOADS)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
        appenders.add(appender);
        return appender;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
