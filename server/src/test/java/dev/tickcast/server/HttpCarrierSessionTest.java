package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tickcast.server.HttpCarrierTest.arena;
import static dev.tickcast.server.HttpCarrierTest.concat;
import static dev.tickcast.server.HttpCarrierTest.joined;
import static dev.tickcast.server.HttpCarrierTest.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ends and the slowness of an HTTP session, as for a WebSocket: a kick (4012), the server's
 * shutdown (1001), a reconnection with the reconnect token, a poller that stops polling (4006)
 * while a WebSocket player keeps every snapshot, and a lost poll answer that loses nothing.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class HttpCarrierSessionTest {
    @Test
    void shouldEndAHeldStreamWithTheKick(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = joined(vertx, fixture, "ann");
        HttpPlayer.Stream s = p.stream();
        int playerId = p.welcome().playerId();
        assertTrue(fixture.<Boolean>onRoom(p.welcome().roomId(), r -> r.kick(playerId)));
        assertEquals(200, Bot.get(s.ended()));
        assertEquals(Protocol.CLOSE_KICKED, p.closeCode);
    }

    @Test
    void shouldEndTheSessionsOfADisposedRoomWith4005(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = joined(vertx, fixture, "ann");
        HttpPlayer.Stream s = p.stream();
        fixture.<Boolean>onRoom(p.welcome().roomId(), r -> {
            r.dispose(Protocol.CLOSE_ROOM_CLOSED, "room closed");
            return true;
        });
        assertEquals(200, Bot.get(s.ended()));
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, p.closeCode);
    }

    @Test
    void shouldCloseSessionsWith1001AtShutdown(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer joinedOne = joined(vertx, fixture, "ann");
        HttpPlayer.Stream s = joinedOne.stream();
        HttpPlayer unjoined = new HttpPlayer(vertx, fixture.port());
        assertEquals(200, unjoined.open(new byte[0]).status());
        joinedOne.await(x -> x.count(Protocol.SNAPSHOT) >= 2); // the stream is held
        Bot.get(fixture.server.shutdown().toCompletionStage().toCompletableFuture());
        assertEquals(200, Bot.get(s.ended()));
        assertEquals(Protocol.CLOSE_GOING_AWAY, joinedOne.closeCode);
        unjoined.poll();
        assertEquals(Protocol.CLOSE_GOING_AWAY, unjoined.closeCode, "joined or not");
    }

    @Test
    void shouldResumeADroppedSeatWithTheReconnectToken(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        Bot.join(vertx, fixture.port(), "bob"); // keeps the room open
        Seat seat = HttpPlayer.seat(vertx, fixture.port(), "arena", "ann");
        HttpPlayer first = new HttpPlayer(vertx, fixture.port());
        first.open(seat.token());
        assertTrue(first.pollUntil(x -> x.welcome() != null, 20));
        int playerId = first.welcome().playerId();
        // the room hears of the drop on its own loop, after the 204: resume only once it has (a JOIN with the
        // reconnection token of a player the room still holds as connected is refused with 4008)
        CompletableFuture<JsonObject> dropped = new CompletableFuture<>();
        Bot.get(vertx.eventBus().<JsonObject>consumer(RoomEvents.ALL, m -> {
            if (RoomEvents.PLAYER_DROPPED.equals(m.body().getString("type"))) {
                dropped.complete(m.body());
            }
        }).completion().toCompletionStage().toCompletableFuture());
        assertEquals(204, first.sendBody(concat(Records.seq(1), Records.close(4999, "network"))).status(), "a drop");
        assertEquals(playerId, Bot.get(dropped).getInteger("playerId"));

        HttpPlayer again = new HttpPlayer(vertx, fixture.port());
        again.open(seat.reconnectToken());
        assertTrue(again.pollUntil(x -> x.welcome() != null, 20));
        assertEquals(playerId, again.welcome().playerId(), "the same seat");
        assertTrue(again.pollUntil(x -> x.count(Protocol.SNAPSHOT) >= 1, 20));
    }

    @Test
    void shouldCloseAPollerThatStopsWhileAWebSocketPlayerKeepsEverySnapshot(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withSlowConsumerTimeoutMs(2_000));
        Bot ws = Bot.join(vertx, fixture.port(), "ws");
        HttpPlayer poller = joined(vertx, fixture, "poller");
        String room = poller.welcome().roomId();
        int seat = poller.welcome().playerId();
        assertTrue(poller.pollUntil(x -> x.count(Protocol.SNAPSHOT) >= 3, 40));
        int stoppedAt = fixture.awaitRoom(room, r -> true);

        fixture.awaitRoom(room, r -> r.session(seat) == null || r.session(seat).link().closed());
        int closedAt = fixture.awaitRoom(room, r -> true);
        assertTrue(closedAt - stoppedAt >= 60, "closed after the slow-consumer timeout: " + (closedAt - stoppedAt));
        ws.await(s -> s.tick() >= closedAt);
        List<Integer> ticks = new ArrayList<>(ws.snapshotTicks);
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(ArenaGame.SPEC.snapshotEveryTicks(), ticks.get(i) - ticks.get(i - 1), "every snapshot: " + ticks);
        }
        poller.poll();
        assertEquals(Protocol.CLOSE_SLOW_CONSUMER, poller.closeCode, "what has not been acknowledged, then the close");
    }

    @Test
    void shouldLoseNoChatLineOrGameMessageWithALostPollAnswer(Vertx vertx) throws IOException {
        ServerFixture fixture = new ServerFixture(vertx, loopback(), new GameRegistry().register(EchoGame.SPEC));
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        p.open(HttpPlayer.seat(vertx, fixture.port(), "echo", "ann").token());
        assertTrue(p.pollUntil(x -> x.welcome() != null, 20));
        int ack = p.taken;
        assertEquals(204, p.send(p.frame(new ChatSendMessage("not lost")),
                p.frame(new GameSendMessage(EchoGame.ECHO, 0, new byte[] {7}))).status());

        try (RawHttp lost = new RawHttp(fixture.port())) {
            lost.send(rawPoll(p.session, ack));
            lost.reset(); // gone before anything is read
        }
        boolean carried = false;
        for (int i = 0; i < 50 && !carried; i++) {
            try (RawHttp lost = new RawHttp(fixture.port())) {
                String answer = lost.send(rawPoll(p.session, ack)).answer();
                List<Integer> types = typesIn(answer);
                carried = types.contains(Protocol.typeByte(Protocol.CHAT))
                        && types.contains(Protocol.typeByte(Protocol.GAME_MESSAGE));
                lost.reset(); // read by the network, never by the client: not acknowledged
            }
        }
        assertTrue(carried, "a poll answer carried both, and was lost");
        assertEquals(ack, p.taken);
        assertTrue(p.pollUntil(x -> x.count(Protocol.CHAT) >= 1 && x.count(Protocol.GAME_MESSAGE) >= 1, 20),
                "they come in the next recv: " + p.types());
        assertEquals(1, p.count(Protocol.CHAT));
        assertEquals(1, p.count(Protocol.GAME_MESSAGE));
    }

    private static String rawPoll(String session, int ack) {
        return "GET /http/recv?mode=poll HTTP/1.1\r\nHost: 127.0.0.1\r\nTickcast-Session: " + session
                + "\r\nTickcast-Ack: " + ack + "\r\n\r\n";
    }

    /** The type bytes of the messages in a raw answer's body of records. */
    private static List<Integer> typesIn(String answer) {
        byte[] body = answer.substring(answer.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> types = new ArrayList<>();
        Records.parse(body, 0, body.length, Integer.MAX_VALUE, new Records.Visitor() {
            @Override
            public void onMessage(int number, byte[] b, int offset, int length) {
                types.add(b[offset] & 0xFF);
            }
        });
        return types;
    }
}
