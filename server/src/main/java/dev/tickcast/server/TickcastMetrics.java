package dev.tickcast.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;
import java.util.Set;

/**
 * Vert.x with the metrics Tickcast exports at {@code GET /metrics}: Micrometer with a Prometheus
 * backend, so that Vert.x's own HTTP, WebSocket and event-bus meters sit beside Tickcast's. The
 * labels are of bounded cardinality: the event-bus address label is off (each room has an address
 * of its own), and neither paths nor remote addresses are labels.
 *
 * <pre>{@code
 * Vertx vertx = TickcastMetrics.vertx(new VertxOptions());
 * vertx.deployVerticle(new TickcastVerticle(TickcastOptions.defaults()));   // GET /metrics
 * }</pre>
 *
 * A Vert.x without these metrics still gets Tickcast's own meters at {@code /metrics} (in a
 * registry of the server's), just not Vert.x's.
 */
public final class TickcastMetrics {
    private TickcastMetrics() {
    }

    /** The metrics options: Prometheus on, default labels without the event-bus address. */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        Set<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
        labels.remove(Label.EB_ADDRESS);
        labels.remove(Label.REMOTE);
        labels.remove(Label.LOCAL);
        labels.remove(Label.HTTP_PATH);
        return new MicrometerMetricsOptions().setEnabled(true).setLabels(labels)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    }

    /** A Vert.x built from {@code options} with {@link #vertxMetricsOptions()}. */
    public static Vertx vertx(VertxOptions options) {
        return builder(options).build();
    }

    /** A builder of a Vert.x from {@code options} with {@link #vertxMetricsOptions()}, for more settings (a transport). */
    public static VertxBuilder builder(VertxOptions options) {
        return Vertx.builder().with(options.setMetricsOptions(vertxMetricsOptions()))
                .withMetrics(new MicrometerMetricsFactory());
    }
}
