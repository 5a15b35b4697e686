package dev.tickcast.server.internal.room;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * The writes a room makes to the sockets of one other event loop between two flushes. The room
 * fills it, {@link #submit()} hands it to that loop as one task, and the loop writes every entry
 * and marks it idle again; until then the room fills another batch. The hand-off through the loop's
 * task queue orders the room's writes to the arrays before the loop's reads, and the volatile
 * {@code inFlight} orders the loop's clearing before the room's next fill.
 */
final class OutboundBatch implements Runnable {
    private final WriterLoop loop;
    private ClientLink[] links = new ClientLink[16];
    private Buffer[] messages = new Buffer[16];
    private int size;
    private volatile boolean inFlight;

    OutboundBatch(WriterLoop loop) {
        this.loop = loop;
    }

    WriterLoop loop() {
        return loop;
    }

    /** True while the room is filling it (it holds writes and is not yet handed over). */
    boolean filling() {
        return !inFlight && size > 0;
    }

    /** True when it is empty and not in flight. */
    boolean idle() {
        return !inFlight && size == 0;
    }

    void add(ClientLink link, Buffer message) {
        if (size == links.length) {
            links = Arrays.copyOf(links, size * 2);
            messages = Arrays.copyOf(messages, size * 2);
        }
        links[size] = link;
        messages[size] = message;
        size++;
    }

    void submit() {
        inFlight = true;
        loop.execute(this);
    }

    /** On the sockets' loop: every write, in order. */
    @Override
    public void run() {
        for (int i = 0; i < size; i++) {
            links[i].send(messages[i]);
            links[i] = null;
            messages[i] = null;
        }
        size = 0;
        inFlight = false;
    }
}
