package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROTOCOL.md 7.4's chat flood rule over a real socket: 30 lines at 10 a second (most of them
 * dropped as over the chat rate) close with 4010 at the 21st, which comes about 2 s after the first,
 * well inside the 5 s window however loaded the machine.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ChatFloodTest {
    @Test
    void shouldCloseAChatFloodAt10LinesASecond(Vertx vertx) {
        ServerFixture fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(1), new GameRegistry().register(ArenaGame.SPEC));
        Bot flooder = Bot.join(vertx, fixture.port(), "flooder");
        flooder.welcome();
        AtomicInteger sent = new AtomicInteger();
        flooder.onContext(() -> flooder.client.vertx().setPeriodic(100, id -> {
            if (flooder.closed.isDone() || sent.get() == 30) {
                flooder.client.vertx().cancelTimer(id);
                return;
            }
            flooder.client.sendChat("line " + sent.incrementAndGet());
        }));
        assertEquals(Protocol.CLOSE_RATE_LIMITED, flooder.closeCode(), "more than 20 lines in 5 s");
        assertTrue(sent.get() >= 21, "closed at the 21st line or after: " + sent.get());
    }
}
