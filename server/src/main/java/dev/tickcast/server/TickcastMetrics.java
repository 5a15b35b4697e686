package dev.tickcast.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Vert.x with the metrics Tickcast exports at {@code GET /metrics}: Micrometer with a Prometheus
 * backend, so that Vert.x's own HTTP, WebSocket and event-bus meters sit beside Tickcast's. The
 * labels are of bounded cardinality: the event-bus address label is off (each room has an address
 * of its own), neither paths nor remote addresses are labels, and the HTTP {@code method} label is
 * one of the standard methods or {@code other} (a client may send any token as a method). Vert.x's
 * {@code vertx_http_server_active_requests} gauge also drops the requests of a closed connection
 * ({@link ClosedConnectionMetrics}).
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
    /** The values of the {@code method} label: the methods of RFC 9110 and PATCH; any other is {@code other}. */
    private static final Map<String, Tags> METHOD_TAGS = Stream.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "CONNECT", "OPTIONS", "TRACE", "PATCH")
            .collect(Collectors.toUnmodifiableMap(m -> m, TickcastMetrics::methodTag));
    private static final Tags OTHER_METHOD = methodTag("other");

    private TickcastMetrics() {
    }

    /**
     * The metrics options: Prometheus on, default labels without the event-bus address, and the
     * HTTP method label bounded (Vert.x's own {@code method} label is off: it would take any token
     * a client sends, a new time series for each).
     */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        Set<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
        labels.remove(Label.EB_ADDRESS);
        labels.remove(Label.REMOTE);
        labels.remove(Label.LOCAL);
        labels.remove(Label.HTTP_PATH);
        labels.remove(Label.HTTP_METHOD);
        Function<HttpRequest, Iterable<Tag>> method = request -> boundedMethod(request.method().name());
        return new MicrometerMetricsOptions().setEnabled(true).setLabels(labels)
                .setServerRequestTagsProvider(method).setClientRequestTagsProvider(method)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    }

    /** The {@code method} tag of a request with {@code method}: itself if standard, else {@code other}. */
    private static Tags boundedMethod(String method) {
        return METHOD_TAGS.getOrDefault(method, OTHER_METHOD);
    }

    private static Tags methodTag(String value) {
        return Tags.of(Label.HTTP_METHOD.toString(), value);
    }

    /**
     * The registry behind {@code GET /metrics}, where a plug-in registers meters of its own: Vert.x's
     * Prometheus registry when {@code vertx} was built with these metrics ({@link #vertx}, {@link #builder}; the
     * stock server does, unless {@code --no-metrics}), else empty (metrics off, or a Vert.x without them: then
     * {@code /metrics} carries Tickcast's own meters only). Give every meter a name of the plug-in's own
     * ({@code tanks.rounds}) and tags with a small fixed set of values: never a player, a room or an address.
     */
    public static Optional<MeterRegistry> registry(Vertx vertx) {
        if (!vertx.isMetricsEnabled()) {
            return Optional.empty();
        }
        MeterRegistry registry = BackendRegistries.getDefaultNow();
        return registry instanceof PrometheusMeterRegistry ? Optional.of(registry) : Optional.empty();
    }

    /** A Vert.x built from {@code options} with {@link #vertxMetricsOptions()}. */
    public static Vertx vertx(VertxOptions options) {
        return builder(options).build();
    }

    /** A builder of a Vert.x from {@code options} with {@link #vertxMetricsOptions()}, for more settings (a transport). */
    public static VertxBuilder builder(VertxOptions options) {
        return Vertx.builder().with(options.setMetricsOptions(vertxMetricsOptions()))
                .withMetrics(ClosedConnectionMetrics.factory(new MicrometerMetricsFactory()));
    }
}
