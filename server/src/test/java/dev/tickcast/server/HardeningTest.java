package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Origins, tokens, limits, compression, keep-alive, fault isolation and TLS, over real sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HardeningTest {

    private static TickcastOptions loopback() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2);
    }

    private static ServerFixture server(Vertx vertx, TickcastOptions config) {
        return new ServerFixture(vertx, config, new GameRegistry().register(ArenaGame.SPEC).register(CrashGame.SPEC));
    }

    @Test
    void shouldRefuseAForeignOriginWith403(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        assertEquals(403, Bot.get(RawWebSocket.open(vertx, fixture.port(), "Origin: http://evil.example\r\n").status));
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, fixture.port(), "Origin: http://localhost:8080\r\n").status));
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, fixture.port(),
                "Origin: http://127.0.0.1:" + fixture.port() + "\r\n").status), "the server's own origin");
    }

    @Test
    void shouldOnlyAllowConfiguredOriginsWhenSome(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().allowOrigin("https://game.example.com"));
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, fixture.port(), "Origin: https://game.example.com\r\n").status));
        assertEquals(403, Bot.get(RawWebSocket.open(vertx, fixture.port(), "Origin: http://localhost:3000\r\n").status));
    }

    @Test
    void shouldRefuseMissingForgedExpiredAndReusedTokens(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        assertEquals(Protocol.CLOSE_BAD_SEAT, joinWith(vertx, fixture, ""), "missing");
        Seat seat = matchmake(vertx, fixture);
        String forged = seat.token().substring(0, seat.token().length() - 2)
                + (seat.token().endsWith("AA") ? "BB" : "AA");
        assertEquals(Protocol.CLOSE_BAD_SEAT, joinWith(vertx, fixture, forged), "forged signature");
        assertEquals(Protocol.CLOSE_BAD_SEAT, joinWith(vertx, fixture, "bm90LmEudG9rZW4.c2ln"), "made up");
        Bot first = new Bot(vertx, fixture.port());
        Bot.get(first.client.join(seat).toCompletionStage().toCompletableFuture());
        first.await(s -> true);
        assertEquals(Protocol.CLOSE_SEAT_USED, joinWith(vertx, fixture, seat.token()), "reused");

        ServerFixture instant = server(vertx, loopback().withSeatTimeoutMs(0));
        Seat stale = matchmake(vertx, instant);
        assertEquals(Protocol.CLOSE_SEAT_EXPIRED, joinWith(vertx, instant, stale.token()), "expired");
    }

    @Test
    void shouldRateLimitMessagesAndPings(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMessageRate(20, 40));
        Bot flooder = Bot.join(vertx, fixture.port(), "flooder");
        flooder.await(s -> true);
        flooder.client.vertx().runOnContext(v -> {
            for (int i = 0; i < 100; i++) {
                flooder.client.sendPing(i);
            }
        });
        assertEquals(Protocol.CLOSE_RATE_LIMITED, flooder.closeCode(), "message flood");

        RawWebSocket pinger = RawWebSocket.upgraded(vertx, fixture.port());
        for (int i = 0; i < 100; i++) {
            pinger.frame(true, 0, RawWebSocket.PING, new byte[] {1});
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, pinger.awaitClose(), "ping flood");
    }

    @Test
    void shouldLimitHandshakesPerAddressAndConnectionsPerProcess(Vertx vertx) {
        ServerFixture limited = server(vertx, loopback().withHandshakeRate(0.001, 2));
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, limited.port(), "").status));
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, limited.port(), "").status));
        assertEquals(429, Bot.get(RawWebSocket.open(vertx, limited.port(), "").status));

        ServerFixture capped = server(vertx, loopback().withMaxConnections(2));
        RawWebSocket a = RawWebSocket.upgraded(vertx, capped.port());
        RawWebSocket.upgraded(vertx, capped.port());
        assertEquals(503, Bot.get(RawWebSocket.open(vertx, capped.port(), "").status));
        a.kill();
        Bot.get(a.closeCode);
        Bot.join(vertx, capped.port(), "after").await(s -> true);
    }

    @Test
    void shouldNotNegotiateCompressionAndRefuseCompressedFrames(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        RawWebSocket raw = RawWebSocket.open(vertx, fixture.port(),
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertEquals(101, Bot.get(raw.status));
        assertFalse(Bot.get(raw.handshakeHeaders).toLowerCase().contains("sec-websocket-extensions"),
                "no compression extension is negotiated");
        // a tiny "deflated" frame that would inflate to megabytes: RSV1 set without the extension
        byte[] bomb = {(byte) 0xEC, (byte) 0xC1, 0x01, 0x01, 0x00, 0x00, 0x00, (byte) 0x80, 0x20, 0x08};
        raw.frame(true, 4, RawWebSocket.BINARY, bomb);
        assertEquals(1002, raw.awaitClose(), "a compressed frame is a protocol error");
    }

    @Test
    void shouldCloseASilentConnection(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withKeepAlive(100, 400));
        RawWebSocket silent = RawWebSocket.upgraded(vertx, fixture.port());
        Bot talker = Bot.join(vertx, fixture.port(), "talker");
        int before = talker.snapshotTicks.size();
        assertEquals(Protocol.CLOSE_TIMEOUT, silent.awaitClose());
        talker.await(s -> talker.snapshotTicks.size() > before + 30);
        assertFalse(talker.closed.isDone(), "a client that answers pings stays");
    }

    @Test
    void shouldCloseOnlyTheCrashedRoom(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        Bot healthy = Bot.join(vertx, fixture.port(), "healthy");
        Bot victim = new Bot(vertx, fixture.port()).joinGame("crash", "victim");
        String crashRoom = victim.welcome().roomId();
        assertEquals(Protocol.CLOSE_INTERNAL_ERROR, victim.closeCode());
        int before = healthy.snapshotTicks.size();
        healthy.await(s -> healthy.snapshotTicks.size() > before + 20);
        assertNull(fixture.server.room(crashRoom), "the crashed room left the directory");
        assertFalse(healthy.closed.isDone());
        Bot again = new Bot(vertx, fixture.port()).joinGame("crash", "again");
        assertTrue(!crashRoom.equals(again.welcome().roomId()), "a new room replaces it");
    }

    @Test
    void shouldServeWssWithACertificateMadeAtTestTime(Vertx vertx, @TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tickcast", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a certificate");
        ServerFixture fixture = server(vertx, loopback().withTlsKeyStore(keyStore.toString(), "changeit"));
        Bot secure = new Bot(new TickcastClient(vertx, "127.0.0.1", fixture.port(),
                new WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)));
        secure.joinGame("arena", "secure");
        secure.await(s -> secure.snapshotTicks.size() >= 3);
        String room = secure.welcome().roomId();
        assertEquals(fixture.state(room, secure.lastTick), secure.lastState);
        assertEquals(-1, Bot.get(RawWebSocket.open(vertx, fixture.port(), "").status),
                "a plain-text handshake on the TLS port gets no upgrade");
    }

    private static Seat matchmake(Vertx vertx, ServerFixture fixture) {
        // held in a local until the answer arrives: Vert.x 5 closes a client that becomes unreachable
        TickcastClient client = new TickcastClient(vertx, "127.0.0.1", fixture.port());
        Seat seat = Bot.get(client.matchmake("arena", "m").toCompletionStage().toCompletableFuture());
        java.lang.ref.Reference.reachabilityFence(client);
        return seat;
    }

    private static int joinWith(Vertx vertx, ServerFixture fixture, String token) {
        Bot bot = new Bot(vertx, fixture.port());
        Bot.get(bot.client.join(new Seat("?", token, "arena", 0)).toCompletionStage().toCompletableFuture());
        return bot.closeCode();
    }
}
