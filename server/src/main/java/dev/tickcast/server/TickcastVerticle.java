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
 * vertx.deployVerticle(new TickcastVerticle(new TickcastOptions().withAddress("0.0.0.0", 8080)));
 * // or, with the options as the deployment's JSON config:
 * vertx.deployVerticle(TickcastVerticle.class, new DeploymentOptions().setConfig(options.toJson()));
 * }</pre>
 *
 * The start fails, with a message for the operator, on an unknown game name or a bad override.
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
        TickcastOptions opts = options != null ? options : new TickcastOptions(config());
        ClassLoader loader = plugins != null ? plugins : Thread.currentThread().getContextClassLoader();
        Tickcast tickcast = Tickcast.of(vertx);
        List<TickcastExtension> extensions;
        try {
            Plugins.host(tickcast.games(), Plugins.games(loader), opts);
            extensions = Plugins.extensions(loader);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return ServerEngine.load().start(vertx, opts, tickcast).compose(s -> {
            server = s;
            return opts.deployExtensions() ? deploy(extensions, tickcast) : Future.succeededFuture();
        });
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
