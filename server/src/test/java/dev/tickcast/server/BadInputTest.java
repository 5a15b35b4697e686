package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad frames close only the sender, with the documented code; the room and its other players go on. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BadInputTest {
    private static final int INPUT = Protocol.typeByte(Protocol.INPUT);

    private Vertx vertx;
    private ServerFixture fixture;
    private Bot witness;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        fixture = ServerFixture.arena(vertx);
        witness = Bot.join(vertx, fixture.port(), "witness");
        witness.await(s -> witness.snapshotTicks.size() >= 2);
    }

    @Test
    void shouldCloseOnUnknownType() {
        assertClosedWith(Protocol.CLOSE_UNKNOWN_TYPE, bot -> bot.client.sendRaw(Buffer.buffer(new byte[] {(byte) 0xFF, 1, 2})));
    }

    @Test
    void shouldCloseOnTextFrame() {
        assertClosedWith(Protocol.CLOSE_UNSUPPORTED_DATA, bot -> bot.client.sendRawText("hello"));
    }

    @Test
    void shouldCloseOnTruncatedInput() {
        assertClosedWith(Protocol.CLOSE_INVALID_PAYLOAD, bot -> bot.client.sendRaw(Buffer.buffer(new byte[] {(byte) INPUT})));
    }

    @Test
    void shouldCloseOnTruncatedVarint() {
        assertClosedWith(Protocol.CLOSE_INVALID_PAYLOAD,
                bot -> bot.client.sendRaw(Buffer.buffer(new byte[] {(byte) INPUT, (byte) 0x80, (byte) 0x80})));
    }

    @Test
    void shouldCloseOnMalformedGamePayload() {
        assertClosedWith(Protocol.CLOSE_INVALID_PAYLOAD, bot -> bot.client.sendInput(new byte[] {(byte) 0xFF}));
    }

    @Test
    void shouldCloseOnRepeatedSequence() {
        byte[] still = {(byte) ArenaInput.encode(0, 0, false)};
        assertClosedWith(Protocol.CLOSE_INVALID_PAYLOAD, bot -> {
            bot.client.sendRaw(Buffer.buffer(new byte[] {(byte) INPUT, 5, 0, still[0]}));
            bot.client.sendRaw(Buffer.buffer(new byte[] {(byte) INPUT, 5, 0, still[0]}));
        });
    }

    @Test
    void shouldCloseOnOversizedFrame() {
        byte[] big = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES + 1];
        big[0] = (byte) INPUT;
        assertClosedWith(Protocol.CLOSE_TOO_BIG, bot -> bot.client.sendRaw(Buffer.buffer(big)));
    }

    @Test
    void shouldCloseOnSecondJoin() {
        assertClosedWith(Protocol.CLOSE_ALREADY_JOINED, bot -> bot.client.sendRaw(
                Buffer.buffer(new byte[] {(byte) Protocol.typeByte(Protocol.JOIN), 1, 1, 'x'})));
    }

    @Test
    void shouldCloseInputBeforeJoin() {
        Bot bot = new Bot(vertx, fixture.port());
        Seat seat = Bot.get(bot.client.matchmake("arena", "early").toCompletionStage().toCompletableFuture());
        bot.client.onWelcome(w -> { });
        Bot.get(bot.client.join(new Seat(seat.roomId(), "", seat.game(), 0)).toCompletionStage().toCompletableFuture());
        assertEquals(Protocol.CLOSE_BAD_SEAT, bot.closeCode());
    }

    private void assertClosedWith(short code, Consumer<Bot> attack) {
        Bot attacker = Bot.join(vertx, fixture.port(), "attacker");
        attacker.await(s -> attacker.snapshotTicks.size() >= 1);
        String room = witness.welcome().roomId();
        attacker.client.vertx().runOnContext(v -> attack.accept(attacker));
        assertEquals(code, attacker.closeCode(), "close code");
        int after = witness.snapshotTicks.size();
        witness.await(s -> witness.snapshotTicks.size() >= after + 5);
        assertFalse(witness.closed.isDone(), "the witness is still connected");
        assertEquals(Integer.valueOf(1), fixture.<Integer>onRoom(room, r -> r.players()), "only the witness is left");
        assertEquals(fixture.state(room, witness.lastTick), witness.lastState);
    }
}
