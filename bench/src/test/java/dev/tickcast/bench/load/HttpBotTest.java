package dev.tickcast.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An HTTP bot against {@link FakeBinding} on real loopback sockets: it opens with the JOIN, takes
 * every downstream message once (also across a response cut in the middle of a record), sends its
 * inputs numbered without gaps, acknowledges, and leaves with CLOSE 1000.
 */
class HttpBotTest {
    private static final long WAIT_MS = 10_000;

    @Test
    void shouldStreamEveryMessageOnceAndLeave() throws Exception {
        play(Transport.HTTP_STREAM, false);
    }

    @Test
    void shouldPollEveryMessageOnceAndLeave() throws Exception {
        play(Transport.HTTP_POLL, false);
    }

    @Test
    void shouldTakeEachMessageOnceAcrossACutResponse() throws Exception {
        play(Transport.HTTP_STREAM, true);
    }

    private static void play(Transport transport, boolean cut) throws Exception {
        try (FakeBinding fake = new FakeBinding(cut); LeanFleet fleet = new LeanFleet(1)) {
            Metrics metrics = new Metrics();
            metrics.reset();
            for (int i = 0; i < 5; i++) {
                fake.push();
            }
            fleet.connectHttp(transport, "127.0.0.1", fake.port(), "seat-token", metrics, 1, 20, false)
                    .toCompletionStage().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 40; i++) {
                fake.push();
                int pushed = fake.pushed();
                await(() -> fake.acked() >= pushed, "acknowledged " + pushed);
            }
            await(() -> fake.upMessages().size() >= 10, "ten inputs");
            fleet.leaveAll(WAIT_MS);
            assertTrue(fake.left(), "left with CLOSE 1000");
            assertEquals(List.of(), fake.problems());
            assertEquals(45, metrics.snapshots.sum(), "every message taken once");
            assertEquals(0, metrics.disconnects.sum());
            List<String> up = fake.upMessages();
            assertTrue(up.get(0).startsWith("1:10"), "JOIN first: " + up.get(0));
            for (int i = 1; i < up.size(); i++) {
                assertTrue(up.get(i).startsWith((i + 1) + ":11" + String.format("%02x", i)), "INPUT seq " + i + ": " + up.get(i));
            }
            assertTrue(metrics.wireDownBytes.sum() > metrics.downBytes.sum() + 45 * 2, "HTTP overhead counted");
            assertTrue(metrics.wireUpBytes.sum() > metrics.upBytes.sum(), "HTTP overhead counted upstream");
        }
    }

    /** Waits for {@code condition} on the bots' and the fake's own events, checking each millisecond, bounded. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(1);
        }
    }
}
