package dev.tickcast.server.internal.room;

import io.vertx.core.buffer.Buffer;

/**
 * A room's writes to its players' sockets, batched by the sockets' event loops. A socket that lives
 * on the room's own loop is written at once; writes to sockets of another loop are gathered and
 * handed over as one task per loop at {@link #flush()}, instead of one cross-thread hand-off (a task
 * and a wake-up of that loop) per write. Per-connection order is kept: Vert.x queues a socket's
 * writes in order whichever thread they come from, and a room hands its writes over in the order it
 * made them. Nothing is allocated per write. The room's thread only.
 */
final class Outbound {
    /**
     * Batches per loop at most; when all are still in flight (a loop several flushes behind), writes
     * go as one task each, behind the batches.
     */
    private static final int MAX_BATCHES_PER_LOOP = 4;

    private OutboundBatch[] batches = new OutboundBatch[4];
    private int count;

    /** Sends {@code message} on {@code link} now, or in its loop's batch at the next {@link #flush()}. */
    void send(ClientLink link, Buffer message) {
        WriterLoop loop = link.writer();
        if (loop == null || loop.inLoop()) {
            link.send(message);
            return;
        }
        OutboundBatch batch = batchFor(loop);
        if (batch == null) {
            // every batch of that loop is still queued there: a task of its own, behind them, keeps the order
            loop.execute(() -> link.send(message));
        } else {
            batch.add(link, message);
        }
    }

    /** Hands every filled batch to its loop. */
    void flush() {
        for (int i = 0; i < count; i++) {
            OutboundBatch b = batches[i];
            if (b.filling()) {
                b.submit();
            }
        }
    }

    private OutboundBatch batchFor(WriterLoop loop) {
        int ofLoop = 0;
        for (int i = 0; i < count; i++) {
            OutboundBatch b = batches[i];
            if (b.loop().equals(loop)) {
                if (b.filling() || b.idle()) {
                    return b;
                }
                ofLoop++;
            }
        }
        if (ofLoop >= MAX_BATCHES_PER_LOOP) {
            return null;
        }
        if (count == batches.length) {
            batches = java.util.Arrays.copyOf(batches, count * 2);
        }
        OutboundBatch b = new OutboundBatch(loop);
        batches[count++] = b;
        return b;
    }
}
