package dev.tickcast.server.internal.engine;

import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.http.RecordingRoutes;
import dev.tickcast.server.internal.record.ArchiveSummary;
import dev.tickcast.server.internal.record.RecordingBudget;
import dev.tickcast.server.internal.record.RecordingCatalogue;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The recordings' side of the engine: the catalogue of the recordings directory, its routes and its disk
 * budget (enforced once at startup; the recorder enforces it again around each archive).
 */
final class RecordingsWiring {
    /** How long {@code GET /recordings} shares one listing of the directory. */
    private static final long LIST_CACHE_MS = 1000;

    private RecordingsWiring() {
    }

    /** Mounts the routes on {@code router}, enforces the budget once; the budget, for the recorder. */
    static RecordingBudget mount(Vertx vertx, TickcastOptions config, Router router,
                                 Function<RoutingContext, String> baseUrl) {
        RecordingCatalogue recordings = new RecordingCatalogue(vertx, dir(config), ArchiveSummary::read, System::nanoTime,
                LIST_CACHE_MS);
        new RecordingRoutes(vertx, recordings, baseUrl).mount(router);
        RecordingBudget budget = new RecordingBudget(vertx, recordings, maxBytes(config));
        budget.enforce();
        return budget;
    }

    // TODO(s2): RecordSettings.RECORDINGS_DIR / RECORDINGS_MAX_BYTES once h-s1 lands
    private static Path dir(TickcastOptions config) {
        return Path.of("recordings");
    }

    private static long maxBytes(TickcastOptions config) {
        return 1L << 30;
    }
}
