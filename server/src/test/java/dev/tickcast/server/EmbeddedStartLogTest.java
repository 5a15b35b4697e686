package dev.tickcast.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedder's start, as docs/EXTENDING.md section 8 shows it (a Vert.x with Tickcast's metrics, a
 * verticle of its own with event-bus consumers, then {@link TickcastVerticle}), and a first room: one
 * "listening on" line, and no WARN or ERROR line. The stock jar's start is {@code CleanStartIT}.
 */
class EmbeddedStartLogTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger root;
    private Vertx vertx;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void close() throws Exception {
        root.detachAppender(lines);
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The embedder's verticle: two consumers, as the tanks leaderboard has. */
    static final class Listeners extends VerticleBase {
        @Override
        public Future<?> start() {
            vertx.eventBus().consumer(RoomEvents.ALL, m -> { });
            vertx.eventBus().localConsumer("embedder.query", m -> m.reply("ok"));
            return Future.succeededFuture();
        }
    }

    @Test
    void shouldLogOneListeningLineAndNoWarning() throws Exception {
        vertx = TickcastMetrics.vertx(new VertxOptions());
        await(vertx.deployVerticle(new Listeners()));
        TickcastVerticle tickcast = new TickcastVerticle(TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(2).withGames(List.of("arena")));
        await(vertx.deployVerticle(tickcast));
        Bot.join(vertx, tickcast.server().port(), "ann").await(s -> true); // a room, its consumers, a player
        List<ILoggingEvent> logged;
        synchronized (lines) {
            logged = List.copyOf(lines.list);
        }
        String all = String.join("\n", logged.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " - "
                + e.getFormattedMessage()).toList());
        assertEquals(1, logged.stream().filter(e -> e.getFormattedMessage().startsWith("Tickcast listening on http://127.0.0.1:"
                + tickcast.server().port() + "/")).count(), all);
        assertTrue(logged.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)), all);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
