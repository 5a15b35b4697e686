package dev.tickcast.server;

import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Game messages over real WebSockets: both directions, and the limits that close only the sender. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GameMessagesTest {
    private static ServerFixture server(Vertx vertx, TickcastOptions options) {
        return new ServerFixture(vertx, options.withAddress("127.0.0.1", 0).withEventLoops(2),
                new GameRegistry().register(EchoGame.SPEC).register(EchoGame.NO_CHAT));
    }

    /** A bot in the echo game that records the game messages it receives. */
    private static final class Player {
        final Bot bot;
        final List<GameMessage> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<GameMessage> first = new CompletableFuture<>();
        final CompletableFuture<GameMessage> echoed = new CompletableFuture<>();

        Player(Vertx vertx, ServerFixture fixture, String game, String name) {
            bot = new Bot(vertx, fixture.port());
            bot.client.onGameMessage(m -> {
                received.add(m);
                first.complete(m);
                if (m.type() == EchoGame.ECHOED) {
                    echoed.complete(m);
                }
            });
            bot.joinGame(game, name);
            bot.await(s -> true);
        }
    }

    @Test
    void shouldEchoToTheSenderAndTellTheOthers(Vertx vertx) {
        ServerFixture fixture = server(vertx, TickcastOptions.defaults());
        Player ann = new Player(vertx, fixture, "echo", "ann");
        Player bob = new Player(vertx, fixture, "echo", "bob");
        ann.bot.onContext(() -> ann.bot.client.sendGameMessage(EchoGame.ECHO, new byte[] {5, 6, (byte) 0xFF}));
        GameMessage echoed = Bot.get(ann.first);
        assertEquals(EchoGame.ECHOED, echoed.type());
        assertArrayEquals(new byte[] {5, 6, (byte) 0xFF}, echoed.payload());
        GameMessage seen = Bot.get(bob.first);
        assertEquals(EchoGame.SEEN, seen.type());
        assertArrayEquals(new byte[] {(byte) ann.bot.client.welcome().playerId()}, seen.payload());
        assertEquals(1, ann.received.size(), "the sender is not told about itself");
    }

    @Test
    void shouldCloseOnlyTheSenderOverTheSizeRateAndTypeLimits(Vertx vertx) {
        ServerFixture fixture = server(vertx, TickcastOptions.defaults().withGameMessageRate(5, 10));
        Player watcher = new Player(vertx, fixture, "echo", "watcher");

        Player big = new Player(vertx, fixture, "echo", "big");
        big.bot.onContext(() -> big.bot.client.sendGameMessage(EchoGame.ECHO, new byte[Protocol.MAX_GAME_PAYLOAD_BYTES + 1]));
        assertEquals(Protocol.CLOSE_TOO_BIG, big.bot.closeCode(), "payload over 1024 bytes");

        Player flood = new Player(vertx, fixture, "echo", "flood");
        flood.bot.onContext(() -> {
            for (int i = 0; i < 30; i++) {
                flood.bot.client.sendGameMessage(EchoGame.ECHO, new byte[] {1});
            }
        });
        assertEquals(Protocol.CLOSE_RATE_LIMITED, flood.bot.closeCode(), "over 5 a second, burst 10");
        assertTrue(flood.received.size() <= 10, "at most the burst was taken: " + flood.received.size());

        Player typed = new Player(vertx, fixture, "echo", "typed");
        typed.bot.onContext(() -> typed.bot.client.sendGameMessage(Protocol.MAX_GAME_MESSAGE_TYPE + 1, new byte[0]));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, typed.bot.closeCode(), "type over 255");

        Player refused = new Player(vertx, fixture, "echo", "refused");
        refused.bot.onContext(() -> refused.bot.client.sendGameMessage(7, new byte[0]));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, refused.bot.closeCode(), "a type the game does not take");

        int before = watcher.bot.lastTick;
        watcher.bot.await(s -> s.tick() > before + 30);
        assertFalse(watcher.bot.closed.isDone(), "no one else noticed");
        watcher.bot.onContext(() -> watcher.bot.client.sendGameMessage(EchoGame.ECHO, new byte[] {42}));
        assertArrayEquals(new byte[] {42}, Bot.get(watcher.echoed).payload());
    }

    @Test
    void shouldRefuseChatInAGameThatSwitchedItOff(Vertx vertx) {
        ServerFixture fixture = server(vertx, TickcastOptions.defaults());
        Player quiet = new Player(vertx, fixture, "quiet", "quiet");
        quiet.bot.onContext(() -> quiet.bot.client.sendChat("hello?"));
        assertEquals(Protocol.CLOSE_POLICY, quiet.bot.closeCode());
    }
}
