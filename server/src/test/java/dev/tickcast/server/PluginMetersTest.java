package dev.tickcast.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plug-in's own meter, registered as docs/EXTENDING.md shows (the registry from
 * {@link TickcastMetrics#registry}), is scraped at {@code GET /metrics} beside Tickcast's; a Vert.x
 * without Tickcast's metrics gives a plug-in no registry.
 */
class PluginMetersTest {
    private Vertx vertx;

    @AfterEach
    void close() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A plug-in's verticle: counts rounds by how they ended, a tag with two values. */
    static final class RoundsVerticle extends VerticleBase {
        @Override
        public Future<?> start() {
            Optional<MeterRegistry> registry = TickcastMetrics.registry(vertx);
            registry.ifPresent(r -> {
                Counter.builder("tanks.rounds").description("Rounds played, by how they ended")
                        .tag("end", "timeout").register(r).increment(2);
                Counter.builder("tanks.rounds").description("Rounds played, by how they ended")
                        .tag("end", "admin").register(r).increment();
            });
            return Future.succeededFuture();
        }
    }

    @Test
    void shouldScrapeAPluginMeterBesideTickcasts() throws Exception {
        vertx = TickcastMetrics.vertx(new VertxOptions());
        TickcastVerticle tickcast = new TickcastVerticle(TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(1).withGames(java.util.List.of("arena")));
        await(vertx.deployVerticle(tickcast));
        await(vertx.deployVerticle(new RoundsVerticle(), new DeploymentOptions()));
        HttpGet.Answer metrics = HttpGet.request(vertx, HttpMethod.GET, tickcast.server().port(), "/metrics", null, null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("tanks_rounds_total{end=\"timeout\"} 2.0"), metrics.body());
        assertTrue(metrics.body().contains("tanks_rounds_total{end=\"admin\"} 1.0"), metrics.body());
        assertTrue(metrics.body().contains("tickcast_matchmaking_requests_total"), "Tickcast's own meters are there too");
    }

    @Test
    void shouldGiveNoRegistryWithoutTickcastsMetrics() {
        vertx = Vertx.vertx();
        assertTrue(TickcastMetrics.registry(vertx).isEmpty());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
