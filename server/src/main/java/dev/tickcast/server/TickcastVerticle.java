package dev.tickcast.server;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Tickcast as a verticle, for a Vert.x application that owns its {@code Vertx}: it hosts the
 * games found on the class path ({@link dev.tickcast.game.GameProvider}) and those registered in
 * {@link Tickcast#of}'s registry, serves HTTP, matchmaking and the game WebSocket, and deploys
 * the verticles of {@link TickcastExtension}s beside itself.
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * vertx.deployVerticle(new TickcastVerticle(new TickcastOptions().withAddress("0.0.0.0", 8080).withMaxRooms(100)));
 * // or, with the options as the deployment's JSON config (every setting of the table survives it):
 * vertx.deployVerticle(TickcastVerticle.class, new DeploymentOptions().setConfig(options.toJson()));
 * // or a config written by hand, keyed as in docs/OPERATIONS.md (an unknown key fails the deployment):
 * vertx.deployVerticle(TickcastVerticle.class, new DeploymentOptions().setConfig(new JsonObject()
 *         .put("port", 8443).put("maxRooms", 100).put("tlsCertPath", "cert.pem").put("tlsKeyPath", "key.pem")
 *         .put("gameSettings", new JsonObject().put("arena", new JsonObject().put("tickHz", 30)))));
 * }</pre>
 *
 * The start fails, with the command line's message for the operator, on options that
 * {@link TickcastOptions#validate()} refuses (a cluster without its secret, half a TLS key pair, a bad
 * public URL...), on an unknown game name or a bad override. A node of a cluster runs on a clustered
 * Vert.x that the embedder builds, with {@link TickcastOptions#withCluster(boolean)}; a clustered
 * Vert.x is taken as a cluster node in any case, and {@code cluster} on one that is not is refused.
 * Undeploying it closes every room (players get 1001) and the listening socket.
 */
public final class TickcastVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(TickcastVerticle.class);

    private final TickcastOptions options;
    private final ClassLoader plugins;
    private RunningServer server;

    /** A verticle configured by its deployment's JSON config ({@link TickcastOptions#TickcastOptions(io.vertx.core.json.JsonObject)}). */
    public TickcastVerticle() {
        this(null, null);
    }

    /** A verticle with {@code options}, finding plug-ins on the thread's context class loader. */
    public TickcastVerticle(TickcastOptions options) {
        this(options, null);
    }

    /** A verticle with {@code options}, finding plug-ins with {@code plugins} (for example a {@code --plugins} folder). */
    public TickcastVerticle(TickcastOptions options, ClassLoader plugins) {
        this.options = options;
        this.plugins = plugins;
    }

    @Override
    public Future<?> start() {
        ClassLoader loader = plugins != null ? plugins : Thread.currentThread().getContextClassLoader();
        Tickcast tickcast = Tickcast.of(vertx);
        List<TickcastExtension> extensions;
        TickcastOptions opts;
        try {
            opts = validated();
            Plugins.host(tickcast.games(), Plugins.games(loader), opts);
            extensions = Plugins.extensions(loader);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return ServerEngine.load().start(vertx, opts, tickcast).compose(s -> {
            server = s;
            return opts.deployExtensions() ? deploy(extensions, tickcast) : Future.succeededFuture();
        }).onSuccess(v -> logListening(opts));
    }

    /** The one line that says where the server listens, however it was started (the command line or an embedder). */
    private void logListening(TickcastOptions opts) {
        LOG.info("Tickcast listening on {}://{}:{}/ (games: {}; {} event loops, {} transport)",
                opts.tls() ? "https" : "http", "0.0.0.0".equals(opts.host()) ? "localhost" : opts.host(),
                server.port(), String.join(", ", server.tickcast().games().all().stream().map(g -> g.name()).toList()),
                opts.eventLoops(), vertx.isNativeTransportEnabled() ? opts.transport() : "NIO");
    }

    /** The options, checked as the command line checks them, and against this verticle's Vert.x. */
    private TickcastOptions validated() {
        TickcastOptions opts = options != null ? options : new TickcastOptions(config());
        if (vertx.isClustered() && !opts.cluster()) {
            opts = new TickcastOptions(opts.toJson()).withCluster(true); // a copy: the embedder's stays as given
        }
        opts.validate();
        if (opts.cluster() && !vertx.isClustered()) {
            throw new IllegalArgumentException(NetworkSettings.CLUSTER.describe() + " needs a clustered Vert.x: the "
                    + "command line builds one; an embedder builds its own (Vertx.builder().withClusterManager(...)"
                    + ".buildClustered())");
        }
        return opts;
    }

    private Future<?> deploy(List<TickcastExtension> extensions, Tickcast tickcast) {
        List<Future<String>> deployed = new ArrayList<>();
        for (TickcastExtension extension : extensions) {
            if (extension.game() != null && !tickcast.games().contains(extension.game())) {
                LOG.info("extension {} not deployed: its game {} is not hosted", extension.getClass().getName(), extension.game());
                continue;
            }
            for (Deployable verticle : extension.verticles()) {
                deployed.add(vertx.deployVerticle(verticle));
            }
        }
        return Future.all(deployed);
    }

    @Override
    public Future<?> stop() {
        return server != null ? server.shutdown() : Future.succeededFuture();
    }

    /** The running server (after a successful start), for its port and its rooms. */
    public RunningServer server() {
        return server;
    }
}
