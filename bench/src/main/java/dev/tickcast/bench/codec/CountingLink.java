package dev.tickcast.bench.codec;

import dev.tickcast.server.internal.room.ClientLink;
import dev.tickcast.server.internal.room.WriterLoop;
import dev.tickcast.server.internal.transport.NettyWriterLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.buffer.Buffer;

/** An in-memory link that is always writable and only counts the bytes it is sent (on its loop, if it has one). */
final class CountingLink implements ClientLink {
    private final boolean closeIsABug;
    private final WriterLoop loop;
    long bytes;

    /** @param closeIsABug true: a close throws, for benchmarks whose inputs must all be valid */
    CountingLink(boolean closeIsABug) {
        this(closeIsABug, null);
    }

    /** A link that says it lives on {@code loop} (null: any thread), so a room batches its writes to it. */
    CountingLink(boolean closeIsABug, EventExecutor loop) {
        this.closeIsABug = closeIsABug;
        this.loop = loop == null ? null : new NettyWriterLoop(loop);
    }

    @Override
    public WriterLoop writer() {
        return loop;
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void send(Buffer message) {
        bytes += message.length();
    }

    @Override
    public void close(short code, String reason) {
        if (closeIsABug) {
            throw new IllegalStateException("closed: " + code + " " + reason);
        }
    }

    @Override
    public boolean closed() {
        return false;
    }

    @Override
    public String remote() {
        return "memory";
    }
}
