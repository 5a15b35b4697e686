package dev.tickcast.bench;

import dev.tickcast.bench.load.FloorServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tickcast-bench floor-server}: the bare-transport floor server (see {@link FloorServer}). */
@Command(name = "floor-server", mixinStandardHelpOptions = true,
        description = "Starts the bare-transport floor: a Vert.x WebSocket server that writes one FRAME-BYTES binary frame "
                + "to each socket every PERIOD ms from the socket's own event loop and discards what clients send. "
                + "Measure it with 'arena --floor-url ws://HOST:PORT/ws --floor-pid PID' beside Tickcast.")
final class FloorCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Default: ${DEFAULT-VALUE}.")
    int port = 18100;

    @Option(names = "--event-loops", description = "Event loops (one server instance each). Default: two per core, as the "
            + "Tickcast server.")
    int loops = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--period-ms", description = "Write period. Default: ${DEFAULT-VALUE}.")
    long periodMs = 50;

    @Option(names = "--frame-bytes", description = "Frame size. Default: ${DEFAULT-VALUE}.")
    int frameBytes = FloorServer.DEFAULT_FRAME_BYTES;

    @Option(names = "--native-transport", negatable = true, description = "Use native epoll when available, as the "
            + "Tickcast server does. Default: ${DEFAULT-VALUE}.")
    boolean nativeTransport = true;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(nativeTransport));
        vertx.deployVerticle(() -> new FloorServer(host, port, periodMs, frameBytes), new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.printf("floor server on ws://%s:%d/ws (%d event loops, %s transport)%n", host, port, loops,
                vertx.isNativeTransportEnabled() ? "native" : "NIO");
        new CountDownLatch(1).await();
        return 0;
    }
}
