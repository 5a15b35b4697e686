package dev.tickcast.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network delay inside the bench process, for bots that play with latency (issue 21): a TCP relay
 * on 127.0.0.1 that a bot connects to instead of the server. Each accepted connection opens its own
 * connection to the server, and every chunk read in either direction is held for
 * {@code delayMs + jitter} before it is written on ({@link DelayPipe}): jitter uniform in
 * [-jitterMs, +jitterMs] from a seeded {@link java.util.Random}, never reordering. Everything on the
 * wire is delayed alike, WebSocket pings and pongs too, so the server's measured round trip is the
 * bots' (2 x delay, plus the loopback's). One relay serves any number of bots; loopback only.
 */
public final class DelayRelay implements AutoCloseable {
    private final Vertx vertx;
    private final String targetHost;
    private final int targetPort;
    private final int delayMs;
    private final int jitterMs;
    private final long seed;
    private final NetClient client;
    private final Set<NetSocket> sockets = new HashSet<>();
    private final List<DelayPipe> pipes = new ArrayList<>();
    private NetServer server;
    private int connections;

    private DelayRelay(Vertx vertx, String targetHost, int targetPort, int delayMs, int jitterMs, long seed) {
        if (delayMs < 0 || jitterMs < 0 || jitterMs > delayMs) {
            throw new IllegalArgumentException("delay >= jitter >= 0: " + delayMs + " / " + jitterMs);
        }
        this.vertx = vertx;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delayMs = delayMs;
        this.jitterMs = jitterMs;
        this.seed = seed;
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    }

    /**
     * Starts a relay to {@code targetHost:targetPort} that delays each direction by {@code delayMs}
     * (one way) plus a jitter in [-{@code jitterMs}, +{@code jitterMs}] drawn from {@code seed};
     * completes with the relay once it listens on an ephemeral port of 127.0.0.1 ({@link #port()}).
     */
    public static Future<DelayRelay> start(Vertx vertx, String targetHost, int targetPort, int delayMs, int jitterMs,
                                           long seed) {
        DelayRelay relay = new DelayRelay(vertx, targetHost, targetPort, delayMs, jitterMs, seed);
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        server.connectHandler(relay::accepted);
        relay.server = server;
        return server.listen().map(s -> relay);
    }

    private void accepted(NetSocket inbound) {
        inbound.pause();
        int n;
        synchronized (this) {
            n = connections++;
            sockets.add(inbound);
        }
        client.connect(targetPort, targetHost).onComplete(ar -> {
            if (ar.failed()) {
                inbound.close();
                forget(inbound);
                return;
            }
            NetSocket outbound = ar.result();
            DelayPipe up = new DelayPipe(vertx, inbound, outbound, delayMs, jitterMs, seed * 1_000_003L + 2L * n);
            DelayPipe down = new DelayPipe(vertx, outbound, inbound, delayMs, jitterMs, seed * 1_000_003L + 2L * n + 1);
            synchronized (this) {
                sockets.add(outbound);
                pipes.add(up);
                pipes.add(down);
            }
            inbound.closeHandler(v -> forget(inbound));
            outbound.closeHandler(v -> forget(outbound));
            up.start();
            down.start();
        });
    }

    private synchronized void forget(NetSocket socket) {
        sockets.remove(socket);
    }

    /** The port of 127.0.0.1 the bots connect to. */
    public int port() {
        return server.actualPort();
    }

    /** The one-way delay in ms. */
    public int delayMs() {
        return delayMs;
    }

    /** The one-way jitter bound in ms. */
    public int jitterMs() {
        return jitterMs;
    }

    /** Connections accepted so far. */
    public synchronized int connections() {
        return connections;
    }

    /** Stops listening, drops what is held and closes every relayed connection; completes when done. */
    public Future<Void> stop() {
        List<NetSocket> open;
        List<DelayPipe> held;
        synchronized (this) {
            open = new ArrayList<>(sockets);
            held = new ArrayList<>(pipes);
            sockets.clear();
            pipes.clear();
        }
        held.forEach(DelayPipe::stop);
        List<Future<Void>> closing = new ArrayList<>();
        closing.add(server.close());
        open.forEach(s -> closing.add(s.close()));
        return Future.join(closing).transform(ar -> client.close()); // a socket already gone is no failure
    }

    /** {@link #stop()}, waiting up to 10 s. */
    @Override
    public void close() throws Exception {
        stop().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
