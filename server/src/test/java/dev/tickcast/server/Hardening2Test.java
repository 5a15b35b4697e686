package dev.tickcast.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round 2 of the hardening: what one address can do to everyone without sending a malformed byte
 * (never joining, holding slots, half-sent requests, matchmaking floods, log floods, chat floods).
 * Loopback only; 127.0.0.2 plays the other address.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class Hardening2Test {
    private static final String OTHER_ADDRESS = "127.0.0.2";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TickcastOptions loopback() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2);
    }

    private static ServerFixture server(Vertx vertx, TickcastOptions options) {
        return new ServerFixture(vertx, options, new GameRegistry().register(ArenaGame.SPEC));
    }

    @Test
    void shouldCloseConnectionsThatNeverJoin(Vertx vertx) {
        long deadlineMs = 3_000; // opening the 200 sockets must take less than this, even on a loaded 2-core machine
        ServerFixture fixture = server(vertx, loopback().withJoinDeadlineMs(deadlineMs).withMaxConnections(200)
                .withMaxConnectionsPerAddress(1_000).withHandshakeRate(10_000, 10_000));
        ListAppender<ILoggingEvent> log = capture();
        try {
            List<RawWebSocket> idle = new ArrayList<>();
            List<Long> openedNs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                idle.add(RawWebSocket.upgraded(vertx, fixture.port()));
                openedNs.add(System.nanoTime());
            }
            assertEquals(503, Bot.get(RawWebSocket.open(vertx, fixture.port(), "").status), "every slot is held");
            for (int i = 0; i < idle.size(); i++) {
                assertEquals(Protocol.CLOSE_JOIN_TIMEOUT, idle.get(i).awaitClose());
                long heldMs = (System.nanoTime() - openedNs.get(i)) / 1_000_000;
                assertTrue(heldMs <= deadlineMs + 1_500, "closed " + heldMs + " ms after opening");
            }
            long lines = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains("with " + Protocol.CLOSE_JOIN_TIMEOUT)).count(); // "closing with", "closed with"
            assertTrue(lines <= 1, "200 sockets from one address that never joined wrote " + lines + " lines");
        } finally {
            release(log);
        }
        Bot player = Bot.join(vertx, fixture.port(), "after");
        player.await(s -> player.snapshotTicks.size() >= 3);
        assertFalse(player.closed.isDone(), "the freed slots take a real player, who plays");
    }

    @Test
    void shouldCapConnectionsPerAddress(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMaxConnectionsPerAddress(3));
        for (int i = 0; i < 3; i++) {
            RawWebSocket.upgraded(vertx, fixture.port());
        }
        assertEquals(429, Bot.get(RawWebSocket.open(vertx, fixture.port(), "").status), "a fourth from one address");
        assertEquals(101, Bot.get(RawWebSocket.open(vertx, fixture.port(), "", OTHER_ADDRESS).status),
                "another address still gets in");
    }

    @Test
    void shouldCloseHalfSentHttpRequests(Vertx vertx) throws Exception {
        ServerFixture fixture = server(vertx, loopback().withHttpIdleTimeoutMs(500)
                .withMaxPendingConnectionsPerAddress(1_000)); // 300 from one address: the idle timeout is tested
        NetClient tcp = vertx.createNetClient();
        List<CompletableFuture<Long>> closedAfterMs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            NetSocket socket = Bot.get(tcp.connect(fixture.port(), "127.0.0.1").toCompletionStage().toCompletableFuture());
            long opened = System.nanoTime();
            CompletableFuture<Long> closed = new CompletableFuture<>();
            socket.closeHandler(v -> closed.complete((System.nanoTime() - opened) / 1_000_000));
            socket.write(Buffer.buffer("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            closedAfterMs.add(closed);
        }
        assertEquals(200, get(fixture, "/health").statusCode(), "the server answers while they hang");
        Bot player = Bot.join(vertx, fixture.port(), "websocket");
        for (CompletableFuture<Long> closed : closedAfterMs) {
            assertTrue(Bot.get(closed) <= 500 + 1_500, "a half-sent request is closed within the timeout");
        }
        int before = player.snapshotTicks.size();
        player.await(s -> player.snapshotTicks.size() > before + 30);
        assertFalse(player.closed.isDone(), "a WebSocket is not subject to the HTTP idle timeout");
        assertEquals(200, get(fixture, "/health").statusCode());
        java.lang.ref.Reference.reachabilityFence(tcp);
    }

    @Test
    void shouldKeepTheLogShortUnderFloods(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMessageRate(20, 40).withHandshakeRate(1, 2)
                .withMaxPendingConnectionsPerAddress(1_000)); // 300 refused handshakes stay open as keep-alives
        ListAppender<ILoggingEvent> log = capture();
        try {
            RawWebSocket pinger = RawWebSocket.upgraded(vertx, fixture.port());
            for (int i = 0; i < 2_000; i++) {
                pinger.frame(true, 0, RawWebSocket.PING, new byte[] {1});
            }
            assertEquals(Protocol.CLOSE_RATE_LIMITED, pinger.awaitClose());
            RawWebSocket sender = RawWebSocket.upgraded(vertx, fixture.port());
            for (int i = 0; i < 2_000; i++) {
                sender.frame(true, 0, RawWebSocket.BINARY, new byte[] {(byte) 99, 1, 2});
            }
            assertEquals(Protocol.CLOSE_UNKNOWN_TYPE, sender.awaitClose());
            for (int i = 0; i < 300; i++) {
                Bot.get(RawWebSocket.open(vertx, fixture.port(), "").status);
            }
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            long transport = lines.stream().filter(l -> l.contains(": WebSocket ")).count();
            long handshakes = lines.stream().filter(l -> l.contains("handshake refused")).count();
            assertTrue(transport <= 4, "two flooding connections wrote " + transport + " lines:\n" + String.join("\n", lines));
            assertTrue(handshakes <= 3, "300 refused handshakes wrote " + handshakes + " lines:\n" + String.join("\n", lines));
        } finally {
            release(log);
        }
    }

    @Test
    void shouldLimitMatchmakingFloods(Vertx vertx) throws Exception {
        ServerFixture fixture = server(vertx, loopback().withMatchmakeRate(5, 20).withMaxRooms(10));
        int ok = 0;
        int limited = 0;
        int full = 0;
        for (int i = 0; i < 200; i++) {
            int status = post(fixture, "/matchmake/create/arena").statusCode();
            ok += status == 200 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
            full += status == 503 ? 1 : 0;
        }
        assertTrue(ok <= 10 && ok >= 5, ok + " rooms created");
        assertTrue(limited >= 150, limited + " answered 429");
        assertTrue(ok + limited + full == 200, "only 200, 429 and 503: " + ok + "/" + limited + "/" + full);
        JsonArray rooms = new JsonArray(get(fixture, "/rooms").body());
        assertEquals(ok, rooms.size());
        for (int i = 0; i < rooms.size(); i++) {
            assertFalse(rooms.getJsonObject(i).getBoolean("ticking"), "a room nobody joined does not tick");
            assertEquals(0, rooms.getJsonObject(i).getInteger("tick"));
        }
        TickcastClient other = new TickcastClient(vertx, "127.0.0.1", fixture.port(),
                new WebSocketClientOptions().setLocalAddress(OTHER_ADDRESS));
        Bot player = new Bot(other).joinGame("arena", "other");
        player.await(s -> player.snapshotTicks.size() >= 3);
        assertFalse(player.closed.isDone(), "another address still matchmakes and plays");

        ServerFixture seats = server(vertx, loopback().withMaxUnclaimedSeats(4, 1_000));
        for (int i = 0; i < 4; i++) {
            assertEquals(200, post(seats, "/matchmake/create/arena").statusCode());
        }
        assertEquals(429, post(seats, "/matchmake/arena").statusCode(), "a fifth unclaimed seat from one address");
    }

    @Test
    void shouldDropFastChatWithANotice(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        Bot typist = new Bot(vertx, fixture.port());
        List<ChatMessage> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatMessage> notice = new CompletableFuture<>();
        typist.client.onChat(c -> {
            heard.add(c);
            if (c.name().isEmpty()) {
                notice.complete(c);
            }
        });
        typist.joinGame("arena", "typist");
        typist.await(s -> true);
        typist.onContext(() -> {
            for (int i = 0; i < 8; i++) {
                typist.client.sendChat("line " + i);
            }
        });
        assertTrue(Bot.get(notice).text().contains("too fast"), "a system line (empty name) tells the typist");
        typist.onContext(() -> typist.client.sendPing(1));
        int before = typist.snapshotTicks.size();
        typist.await(s -> typist.snapshotTicks.size() > before + 5);
        assertFalse(typist.closed.isDone(), "typing too fast is not a reason to be disconnected");
        assertTrue(heard.stream().filter(c -> !c.name().isEmpty()).count() <= 5, "only the burst went out");

        Bot flooder = Bot.join(vertx, fixture.port(), "flooder");
        flooder.await(s -> true);
        flooder.onContext(() -> {
            for (int i = 0; i < 40; i++) {
                flooder.client.sendChat("spam " + i);
            }
        });
        assertEquals(Protocol.CLOSE_RATE_LIMITED, flooder.closeCode(), "a flood far past the limit closes");
    }

    @Test
    void shouldCloseAnEmptyFrameBeforeTheJoinWith1007(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        RawWebSocket raw = RawWebSocket.upgraded(vertx, fixture.port());
        raw.frame(true, 0, RawWebSocket.BINARY, new byte[0]);
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, raw.awaitClose());
    }

    @Test
    void shouldRefuseInvalidUtf8(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        Bot witness = Bot.join(vertx, fixture.port(), "witness");
        witness.await(s -> true);
        Bot writer = Bot.join(vertx, fixture.port(), "writer");
        writer.await(s -> true);
        byte[] chat = {(byte) Protocol.typeByte(Protocol.CHAT_SEND), 3, 'o', (byte) 0xED, (byte) 0xA0};
        writer.onContext(() -> writer.client.sendRaw(Buffer.buffer(chat)));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, writer.closeCode(), "a lone surrogate is malformed, not replaced");
        int before = witness.snapshotTicks.size();
        witness.await(s -> witness.snapshotTicks.size() > before + 5);
        assertFalse(witness.closed.isDone());
    }

    private HttpResponse<String> get(ServerFixture fixture, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ServerFixture fixture, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("dev.tickcast")).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger("dev.tickcast")).detachAppender(appender);
    }
}
