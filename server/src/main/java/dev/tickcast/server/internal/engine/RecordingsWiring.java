package dev.tickcast.server.internal.engine;

import dev.tickcast.server.RecordSettings;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import dev.tickcast.server.internal.broadcast.LinkSigner;
import dev.tickcast.server.internal.http.BroadcastRoutes;
import dev.tickcast.server.internal.http.RecordingRoutes;
import dev.tickcast.server.internal.record.RecordingBudget;
import dev.tickcast.server.internal.record.RecordingEntry;
import dev.tickcast.server.internal.record.RecordingCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The recordings' side of the engine: the catalogue of the recordings directory, its routes and its disk
 * budget (enforced at startup, then every 30 s); the delayed broadcasts of the recording rooms and their routes.
 */
final class RecordingsWiring {
    /** How long {@code GET /recordings} shares one listing of the directory. */
    private static final long LIST_CACHE_MS = 1000;
    /** How often the budget is enforced besides at startup and when the recorder asks. */
    static final long BUDGET_PERIOD_MS = 30_000;

    private RecordingsWiring() {
    }

    /**
     * Mounts the routes on {@code router} and starts the budget (now, then every {@link #BUDGET_PERIOD_MS}); the
     * budget, for the recorder (it may {@code enforce} it after each finish) and for the shutdown ({@code stop}).
     */
    static RecordingBudget mount(Vertx vertx, TickcastOptions config, Router router,
                                 Function<RoutingContext, String> baseUrl) {
        RecordingCatalogue recordings = new RecordingCatalogue(vertx, Path.of(config.recordingsDir()),
                RecordingEntry::read, System::nanoTime, LIST_CACHE_MS);
        new RecordingRoutes(vertx, recordings, baseUrl).mount(router);
        RecordingBudget budget = new RecordingBudget(vertx, recordings, config.recordingsMaxBytes(),
                config.get(RecordSettings.RECORDINGS_MAX_AGE_HOURS) * 3_600_000L, System::currentTimeMillis);
        budget.start(BUDGET_PERIOD_MS);
        return budget;
    }

    /** The broadcasts of {@code config} (--broadcast-delay-ms, --broadcast-secret, --broadcast-link-seconds), on the wall clock. */
    static Broadcasts broadcasts(TickcastOptions config) {
        String secret = RecordSettings.BROADCAST_SECRET.get(config);
        LinkSigner signer = secret == null ? LinkSigner.random()
                : new LinkSigner(secret.getBytes(StandardCharsets.UTF_8));
        return new Broadcasts(System::currentTimeMillis, RecordSettings.BROADCAST_DELAY_MS.get(config), signer,
                RecordSettings.BROADCAST_LINK_SECONDS.get(config));
    }

    /** Mounts the routes of {@code broadcasts} on {@code router}, counting requests in {@code registry} (null: none). */
    static void mountBroadcasts(Broadcasts broadcasts, Router router, MeterRegistry registry) {
        new BroadcastRoutes(broadcasts, registry).mount(router);
    }
}
