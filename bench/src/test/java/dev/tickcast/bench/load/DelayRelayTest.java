package dev.tickcast.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay against a loopback echo server: a round trip takes twice the one-way delay (within the
 * jitter and the timers' millisecond), chunks come back whole and in order, and the relay shuts down
 * with its connections.
 */
class DelayRelayTest {
    private static final long WAIT_S = 10;

    private Vertx vertx;
    private NetServer echo;

    @BeforeEach
    void startEcho() throws Exception {
        vertx = Vertx.vertx();
        echo = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
        echo.connectHandler(s -> s.handler(s::write));
        await(echo.listen());
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void shouldAddTwiceTheDelayToARoundTrip() throws Exception {
        try (DelayRelay relay = await(DelayRelay.start(vertx, "127.0.0.1", echo.actualPort(), 40, 0, 1))) {
            NetSocket socket = await(vertx.createNetClient().connect(relay.port(), "127.0.0.1"));
            double[] ms = roundTripsMs(socket, 9);
            assertTrue(ms[0] >= 80, "held 40 ms each way, never less: " + ms[0]);
            // a shared machine may stall one round trip: the median holds the figure
            assertTrue(ms[ms.length / 2] < 80 + 2 * 2 + 10, "about 80 ms: " + ms[ms.length / 2]);
            assertEquals(1, relay.connections());
        }
    }

    @Test
    void shouldJitterWithinTheBoundAndNeverReorder() throws Exception {
        try (DelayRelay relay = await(DelayRelay.start(vertx, "127.0.0.1", echo.actualPort(), 30, 10, 42))) {
            NetSocket socket = await(vertx.createNetClient().connect(relay.port(), "127.0.0.1"));
            double[] ms = roundTripsMs(socket, 21);
            assertTrue(ms[0] >= 40, "at least 2 x (30 - 10) ms: " + ms[0]);
            assertTrue(ms[ms.length / 2] < 80 + 2 * 2, "the median at most 2 x (30 + 10) ms: " + ms[ms.length / 2]);
            assertTrue(ms[ms.length * 3 / 4] - ms[ms.length / 4] > 2, "a seeded jitter spreads the round trips: "
                    + java.util.Arrays.toString(ms));
            // back to back, with jitter: every byte back, in order
            Buffer sent = Buffer.buffer();
            CompletableFuture<Buffer> back = new CompletableFuture<>();
            Buffer got = Buffer.buffer();
            int chunks = 200;
            socket.handler(b -> {
                got.appendBuffer(b);
                if (got.length() == chunks * 4) {
                    back.complete(got);
                }
            });
            for (int i = 0; i < chunks; i++) {
                Buffer chunk = Buffer.buffer().appendInt(i);
                sent.appendBuffer(chunk);
                socket.write(chunk);
            }
            assertEquals(sent, back.get(WAIT_S, TimeUnit.SECONDS), "never reordered");
        }
    }

    @Test
    void shouldCloseItsConnectionsOnStop() throws Exception {
        DelayRelay relay = await(DelayRelay.start(vertx, "127.0.0.1", echo.actualPort(), 5, 0, 1));
        NetSocket socket = await(vertx.createNetClient().connect(relay.port(), "127.0.0.1"));
        roundTripNs(socket);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        socket.closeHandler(v -> closed.complete(null));
        relay.close();
        closed.get(WAIT_S, TimeUnit.SECONDS);
    }

    /** {@code n} round trips in ms, sorted. */
    private static double[] roundTripsMs(NetSocket socket, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = roundTripNs(socket) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms;
    }

    /** Sends 8 bytes and waits for them to come back; returns the time it took. */
    private static long roundTripNs(NetSocket socket) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Buffer got = Buffer.buffer();
        long t0 = System.nanoTime();
        socket.handler(b -> {
            got.appendBuffer(b);
            if (got.length() >= 8) {
                done.complete(System.nanoTime() - t0);
            }
        });
        socket.write(Buffer.buffer().appendLong(t0));
        return done.get(WAIT_S, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
