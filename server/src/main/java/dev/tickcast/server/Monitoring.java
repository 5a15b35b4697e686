package dev.tickcast.server;

import dev.tickcast.server.internal.http.AdminApi;
import dev.tickcast.server.internal.http.HttpApi;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A server's operator side: {@code GET /metrics} (on the main router, or on a port of its own) and
 * the admin page when a token is configured. Started after the listening instances, stopped
 * with the server.
 */
final class Monitoring {
    private final Vertx vertx;
    private final TickcastOptions config;
    private final ServerMetrics metrics;
    private HttpServer metricsServer;
    private long adminTimer = -1;

    Monitoring(Vertx vertx, TickcastOptions config, ServerMetrics metrics, Matchmaker matchmaker, Router router) {
        this.vertx = vertx;
        this.config = config;
        this.metrics = metrics;
        if (config.metricsPort() <= 0) {
            HttpApi.mountMetrics(router, metrics);
        }
        if (config.adminToken() != null) {
            adminTimer = new AdminApi(matchmaker, config).mount(router, vertx);
        }
    }

    Future<Void> start() {
        if (config.metricsPort() <= 0 || !metrics.enabled()) {
            return Future.succeededFuture();
        }
        Router router = Router.router(vertx);
        HttpApi.mountMetrics(router, metrics);
        return vertx.createHttpServer().requestHandler(router).listen(config.metricsPort(), config.host())
                .onSuccess(s -> metricsServer = s).mapEmpty();
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
