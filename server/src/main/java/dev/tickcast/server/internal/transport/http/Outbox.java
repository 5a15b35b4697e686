package dev.tickcast.server.internal.transport.http;

import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The downstream MESSAGE records of one HTTP session that the client has not acknowledged yet,
 * oldest first, numbered from 1. Each record is its header and the room's own message buffer,
 * wrapped together once (the payload is never copied) and written as often as the client asks
 * again: a response lost or cut loses nothing. It counts what the room's backpressure needs: the
 * bytes kept and the snapshots not yet written to any response. The session's home loop only.
 */
final class Outbox implements Iterable<Outbox.Entry> {
    private static final int SNAPSHOT_TYPE = Protocol.typeByte(Protocol.SNAPSHOT);
    private static final int CELLS_TYPE = Protocol.typeByte(Protocol.SNAPSHOT_CELLS);

    /** One record: its number, its bytes (header and payload) and whether a response carried it yet. */
    static final class Entry {
        final int number;
        final Buffer record;
        final boolean snapshot;
        boolean written;

        private Entry(int number, Buffer record, boolean snapshot) {
            this.number = number;
            this.record = record;
            this.snapshot = snapshot;
        }

        int size() {
            return record.length();
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private int next = 1;
    private long bytes;
    private int unwrittenSnapshots;

    /** Keeps {@code message} as the next record; returns it. */
    Entry add(Buffer message) {
        byte[] header = Records.header(Records.MESSAGE, message.length());
        ByteBuf both = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(header), ((BufferInternal) message).getByteBuf());
        int type = message.length() > 0 ? message.getUnsignedByte(0) : -1;
        boolean snapshot = type == SNAPSHOT_TYPE || type == CELLS_TYPE;
        Entry e = new Entry(next++, BufferInternal.buffer(both), snapshot);
        entries.addLast(e);
        bytes += e.size();
        if (snapshot) {
            unwrittenSnapshots++;
        }
        return e;
    }

    /** A response carried {@code e}. */
    void written(Entry e) {
        if (!e.written) {
            e.written = true;
            if (e.snapshot) {
                unwrittenSnapshots--;
            }
        }
    }

    /** Forgets every record up to and including number {@code ack}. */
    void ack(int ack) {
        while (!entries.isEmpty() && entries.peekFirst().number <= ack) {
            Entry e = entries.removeFirst();
            bytes -= e.size();
            if (e.snapshot && !e.written) {
                unwrittenSnapshots--;
            }
        }
    }

    /** The number of the oldest record kept, or of the next one when none is. */
    int first() {
        return entries.isEmpty() ? next : entries.peekFirst().number;
    }

    /** The number the next record will have. */
    int next() {
        return next;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The bytes of the records kept. */
    long bytes() {
        return bytes;
    }

    /** Snapshots kept that no response carried yet. */
    int unwrittenSnapshots() {
        return unwrittenSnapshots;
    }

    /** Forgets everything (the session closed). */
    void clear() {
        entries.clear();
        bytes = 0;
        unwrittenSnapshots = 0;
    }

    @Override
    public Iterator<Entry> iterator() {
        return entries.iterator();
    }
}
