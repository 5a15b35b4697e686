package dev.tickcast.server.internal.engine;

import dev.tickcast.server.internal.http.AdminApi;
import dev.tickcast.server.internal.http.HttpApi;
import dev.tickcast.server.internal.http.HttpFront;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.RefusalLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's operator side: {@code GET /metrics} (on the main router, or on a port of its own) and
 * the admin page when a token is configured. Started after the listening instances, stopped
 * with the server. The metrics port speaks HTTP/1.1 only, closes a connection silent for
 * {@code --http-idle-timeout-ms} and holds at most {@link #MAX_METRICS_CONNECTIONS} connections
 * (a scraper needs one): a client there cannot hold memory or sockets.
 */
final class Monitoring {
    /** Connections the metrics port holds at once; more are closed at once. */
    static final int MAX_METRICS_CONNECTIONS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

    private final AtomicInteger metricsConnections = new AtomicInteger();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final Vertx vertx;
    private final Settings config;
    private final ClientAddress clients;
    private final ServerMetrics metrics;
    private HttpServer metricsServer;
    private long adminTimer = -1;

    /**
     * Its settings: where the metrics port listens (port 0: {@code /metrics} on the main router), the
     * idle timeout of its connections, the client address rules, and the admin page's (null: off).
     */
    record Settings(String host, int metricsPort, long httpIdleTimeoutMs, ClientAddress.Settings clients,
                    AdminApi.Settings admin) {
    }

    Monitoring(Vertx vertx, Settings config, ServerMetrics metrics, Matchmaker matchmaker, Router router) {
        this.vertx = vertx;
        this.config = config;
        this.clients = new ClientAddress(config.clients());
        this.metrics = metrics;
        if (config.metricsPort() <= 0) {
            HttpApi.mountMetrics(router, metrics);
        }
        if (config.admin() != null) {
            adminTimer = new AdminApi(matchmaker, config.admin()).mount(router, vertx);
        }
    }

    Future<Void> start() {
        if (config.metricsPort() <= 0 || !metrics.enabled()) {
            return Future.succeededFuture();
        }
        Router router = Router.router(vertx);
        HttpFront.mount(router, clients, refusals::refused);
        HttpApi.mountMetrics(router, metrics);
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) Math.max(1, config.httpIdleTimeoutMs()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return vertx.createHttpServer(options).connectionHandler(this::onMetricsConnection).requestHandler(router)
                .listen(config.metricsPort(), config.host()).onSuccess(s -> metricsServer = s).mapEmpty();
    }

    /** Closes a connection to the metrics port past {@link #MAX_METRICS_CONNECTIONS} (logged once per address and period). */
    private void onMetricsConnection(HttpConnection connection) {
        refusals.sweep(System.nanoTime());
        connection.closeHandler(v -> metricsConnections.decrementAndGet());
        if (metricsConnections.incrementAndGet() > MAX_METRICS_CONNECTIONS) {
            refusals.refused(clients.ofPeer(connection.remoteAddress()),
                    "metrics port: " + MAX_METRICS_CONNECTIONS + " connections already, closed");
            connection.close();
        }
    }

    int metricsPort() {
        return metricsServer == null ? 0 : metricsServer.actualPort();
    }

    Future<Void> stop() {
        if (adminTimer >= 0) {
            vertx.cancelTimer(adminTimer);
            adminTimer = -1;
        }
        metrics.close();
        return metricsServer == null ? Future.succeededFuture() : metricsServer.close();
    }
}
