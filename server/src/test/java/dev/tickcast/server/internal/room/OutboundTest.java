package dev.tickcast.server.internal.room;

import dev.tickcast.server.internal.transport.NettyWriterLoop;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes to sockets of other loops go out in one task per loop, in order, on the sockets' loop. */
class OutboundTest {
    private final DefaultEventLoop other = new DefaultEventLoop();

    @AfterEach
    void stop() {
        other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void shouldHandOverOneBatchPerLoopAndKeepTheOrder() throws Exception {
        Outbound outbound = new Outbound();
        LoopLink a = new LoopLink(other);
        LoopLink b = new LoopLink(other);
        LoopLink local = new LoopLink(null);
        CountDownLatch blocked = block(other);
        for (int i = 0; i < 3; i++) {
            outbound.send(a, message(i));
            outbound.send(b, message(10 + i));
            outbound.send(local, message(20 + i));
        }
        assertEquals(3, local.sent.size(), "a link of this thread is written at once");
        assertEquals(0, a.sent.size(), "nothing crosses before the flush");
        outbound.flush();
        int pending = ((io.netty.util.concurrent.SingleThreadEventExecutor) other).pendingTasks();
        assertEquals(1, pending, "one task for both links of that loop");
        blocked.countDown();
        await(() -> a.sent.size() == 3 && b.sent.size() == 3);
        assertEquals(List.of(0, 1, 2), a.sent.stream().map(m -> (int) m.getByte(0)).toList());
        assertEquals(List.of(10, 11, 12), b.sent.stream().map(m -> (int) m.getByte(0)).toList());
        assertTrue(a.threads.stream().allMatch(t -> t == a.threads.get(0)) && a.threads.get(0) != Thread.currentThread(),
                "written on the socket's loop");
    }

    @Test
    void shouldFillAnotherBatchWhileOneIsInFlight() throws Exception {
        Outbound outbound = new Outbound();
        LoopLink a = new LoopLink(other);
        CountDownLatch blocked = block(other);
        for (int round = 0; round < 6; round++) {
            outbound.send(a, message(round));
            outbound.flush();
        }
        blocked.countDown();
        await(() -> a.sent.size() == 6);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), a.sent.stream().map(m -> (int) m.getByte(0)).toList(),
                "past four batches in flight, writes go one task each, still in order");
    }

    private static CountDownLatch block(EventExecutor loop) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        return release;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static Buffer message(int n) {
        return Buffer.buffer(new byte[] {(byte) n});
    }

    /** A link on a given loop that records what it is sent and on which thread. */
    private static final class LoopLink implements ClientLink {
        final List<Buffer> sent = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final EventExecutor loop;
        private final WriterLoop writer;

        LoopLink(EventExecutor loop) {
            this.loop = loop;
            this.writer = loop == null ? null : new NettyWriterLoop(loop);
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(Buffer message) {
            sent.add(message);
            threads.add(Thread.currentThread());
        }

        @Override
        public void close(short code, String reason) {
        }

        @Override
        public boolean closed() {
            return false;
        }

        @Override
        public String remote() {
            return "memory";
        }

        @Override
        public WriterLoop writer() {
            return writer;
        }
    }
}
