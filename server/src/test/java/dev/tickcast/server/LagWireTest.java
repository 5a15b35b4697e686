package dev.tickcast.server;

import dev.tickcast.server.internal.room.RoomJson;
import dev.tickcast.server.internal.room.RoomStats;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protocol version 2 over real loopback WebSockets: the round trip the server measures from its
 * keep-alive ping and the view delay a PING declares reach the room (and the admin seat JSON), and
 * a version-1 JOIN is refused.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LagWireTest {
    private Vertx vertx;
    private ServerFixture fixture;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        fixture = ServerFixture.arena(vertx);
    }

    @Test
    void shouldMeasureTheRoundTripSoonAfterTheJoinAndKeepTheDeclaredViewDelay() {
        Bot ann = Bot.join(vertx, fixture.port(), "ann");
        String room = ann.welcome().roomId();
        // The ping sent right after the JOIN is answered long before the 5 s periodic one.
        fixture.awaitRoom(room, r -> r.session(0) != null && r.session(0).link().rttMs() >= 0);
        RoomStats.Seat seat = seat(room);
        assertTrue(seat.rttMs() >= 0 && seat.rttMs() < 5_000, "a loopback round trip: " + seat.rttMs());
        assertEquals(0, seat.viewDelayMs(), "no PING yet");

        CompletableFuture<PongMessage> pong = new CompletableFuture<>();
        ann.onContext(() -> {
            ann.client.onPong(pong::complete);
            ann.client.viewSource(() -> 0, () -> 120);
            ann.client.sendPing(1);
        });
        assertEquals(1, Bot.get(pong).clientTime(), "the room has read the PING (and its delay) once it answered");
        JsonObject json = RoomJson.admin(Bot.get(fixture.server.room(room).stats().toCompletionStage().toCompletableFuture()))
                .getJsonArray("seats").getJsonObject(0);
        assertEquals(120, json.getInteger("viewDelayMs"));
        assertTrue(json.getInteger("rttMs") >= 0, json.encode());
    }

    @Test
    void shouldCloseAViewStampAboveTheLargestWith1007() {
        Bot ann = Bot.join(vertx, fixture.port(), "ann");
        ann.await(s -> ann.snapshotTicks.size() >= 1);
        // INPUT seq 1, view 16385 (0x81 0x80 0x01): one above ViewStamp.MAX.
        ann.onContext(() -> ann.client.sendRaw(Buffer.buffer(new byte[] {
            (byte) Protocol.typeByte(Protocol.INPUT), 1, (byte) 0x81, (byte) 0x80, 0x01, 0})));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, ann.closeCode());

        Bot bob = Bot.join(vertx, fixture.port(), "bob");
        bob.await(s -> bob.snapshotTicks.size() >= 1);
        bob.onContext(() -> bob.client.sendRaw(Buffer.buffer(new byte[] {
            (byte) Protocol.typeByte(Protocol.GAME_SEND), 1, (byte) 0x81, (byte) 0x80, 0x01})));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, bob.closeCode());
    }

    @Test
    void shouldCloseAVersionOneJoinWith4004() {
        Bot matchmaker = new Bot(vertx, fixture.port());
        String token = Bot.get(matchmaker.client.matchmake("arena", "old").toCompletionStage().toCompletableFuture()).token();
        byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
        byte[] join = new byte[3 + utf8.length];
        join[0] = (byte) Protocol.typeByte(Protocol.JOIN);
        join[1] = 1;
        join[2] = (byte) utf8.length;
        System.arraycopy(utf8, 0, join, 3, utf8.length);
        RawWebSocket raw = RawWebSocket.upgraded(vertx, fixture.port());
        raw.frame(true, 0, RawWebSocket.BINARY, join);
        assertEquals(Protocol.CLOSE_BAD_VERSION, raw.awaitClose());
    }

    private RoomStats.Seat seat(String room) {
        return Bot.get(fixture.server.room(room).stats().toCompletionStage().toCompletableFuture()).seats().get(0);
    }
}
