package dev.tickcast.server.internal.transport;

import dev.tickcast.server.internal.room.WriterLoop;
import io.netty.util.concurrent.EventExecutor;

/** A Netty event loop as a room sees it: records of the same loop are equal, so their writes share a batch. */
public record NettyWriterLoop(EventExecutor executor) implements WriterLoop {
    @Override
    public boolean inLoop() {
        return executor.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }
}
