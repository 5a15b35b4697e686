package dev.tickcast.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar tickcast-server.jar}: deploys a {@link TickcastVerticle} built from the command
 * line, hosting the games of every plug-in on the class path (and in {@code --plugins}). Its options
 * are those of the settings table ({@link Settings}), plus {@code --config FILE.json}.
 */
public final class ServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);
    private static final long SHUTDOWN_SECONDS = 5;
    private static final long CLUSTER_JOIN_SECONDS = 60;

    private ServerMain() {
    }

    /**
     * Entry point; exits 2 on a usage or configuration error (an unknown game, a bad rate).
     *
     * @throws InterruptedException if interrupted while the server runs
     */
    public static void main(String[] args) throws InterruptedException {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the server until it stops; returns the exit code (0 after --help or --version). */
    static int run(String[] args) throws InterruptedException {
        CommandLine cli = SettingsCli.commandLine();
        TickcastOptions options;
        ClassLoader plugins;
        io.vertx.core.transport.Transport socketTransport;
        try {
            ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            options = SettingsCli.options(parsed, System::getenv).validate();
            plugins = options.plugins() == null ? ServerMain.class.getClassLoader()
                    : Plugins.fromDirectory(Path.of(options.plugins()), ServerMain.class.getClassLoader());
            socketTransport = Transports.choose(options.transport());
            // the same check the verticle makes, so that a bad --game or rate fails before Vert.x starts
            Plugins.host(new GameRegistry(), Plugins.games(plugins), options);
        } catch (ParameterException | IllegalArgumentException e) {
            cli.getErr().println("tickcast-server: " + e.getMessage() + " (see --help)");
            return 2;
        }
        return serve(options, plugins, socketTransport);
    }

    private static int serve(TickcastOptions options, ClassLoader plugins,
                             io.vertx.core.transport.Transport socketTransport) throws InterruptedException {
        VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(options.eventLoops());
        Vertx vertx;
        try {
            vertx = options.cluster() ? clusteredVertx(options, vertxOptions, socketTransport)
                    : (options.metrics() ? TickcastMetrics.builder(vertxOptions) : Vertx.builder().with(vertxOptions))
                    .withTransport(socketTransport).build();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not join the cluster {} at {}:{}: {}", options.clusterName(), options.clusterHost(),
                    options.clusterPort(), e.toString());
            return 1;
        }
        TickcastVerticle verticle = new TickcastVerticle(options, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        // the deployment's class loader becomes the context class loader of every verticle it deploys,
        // so that the plug-ins' classpath resources (their StaticHandler pages) resolve on the server's loops
        vertx.deployVerticle(verticle, new DeploymentOptions().setClassLoader(plugins)).onComplete(started -> {
            if (started.failed()) {
                LOG.error("could not start on {}:{}: {}", options.host(), options.port(), started.cause().getMessage());
                vertx.close();
                stopped.countDown();
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, verticle), "tickcast-shutdown"));
        });
        stopped.await();
        return 1;
    }

    /** Kept apart so that a single process never loads the Hazelcast classes. */
    private static Vertx clusteredVertx(TickcastOptions o, VertxOptions vertxOptions,
                                        io.vertx.core.transport.Transport socketTransport)
            throws InterruptedException, ExecutionException, TimeoutException {
        return ServerEngine.load().clusteredVertx(o.clusterName(), o.clusterHost(), o.clusterPort(), o.clusterMembers(),
                        vertxOptions, socketTransport, o.metrics())
                .toCompletionStage().toCompletableFuture().get(CLUSTER_JOIN_SECONDS, TimeUnit.SECONDS);
    }

    /** SIGTERM / SIGINT: every client gets 1001, rooms are disposed, Vert.x closes; bounded in time. */
    private static void shutdown(Vertx vertx, TickcastVerticle verticle) {
        LOG.info("shutting down: closing every connection with 1001");
        try {
            verticle.server().shutdown().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("shutdown did not finish cleanly within {} s: {}", 2 * SHUTDOWN_SECONDS, e.toString());
        }
    }
}
