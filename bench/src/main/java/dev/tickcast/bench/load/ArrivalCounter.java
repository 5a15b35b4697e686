package dev.tickcast.bench.load;

import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.wire.Protocol;
import io.netty.buffer.ByteBuf;

/**
 * What a counting bot records of each message it receives, whatever carried it: for a SNAPSHOT or
 * a SNAPSHOT_CELLS (whose headers are alike, PROTOCOL.md 10.2 and 10.10), its size (that of a full
 * one, and of the first one after the join), its arrival and the gap since the previous one. Reads
 * the first bytes of the header only; does not decode. Confined to the bot's event loop.
 */
final class ArrivalCounter {
    private static final int SNAPSHOT = Protocol.typeByte(Protocol.SNAPSHOT);
    private static final int HEADER_PEEK = 16;

    private final Metrics metrics;
    private final long expectedIntervalUs;
    private final DeltaDecoder header = new DeltaDecoder();
    private final byte[] peek = new byte[HEADER_PEEK];
    private long lastArrivalNs;
    private boolean first = true;

    ArrivalCounter(Metrics metrics, int snapshotHz) {
        this.metrics = metrics;
        this.expectedIntervalUs = 1_000_000L / snapshotHz;
    }

    /** One message of {@code length} bytes at {@code start} of {@code in} arrived at {@code nowNs}. */
    void arrived(ByteBuf in, int start, int length, long nowNs) {
        int type = length > 0 ? in.getUnsignedByte(start) : -1;
        if (type != SNAPSHOT && type != Visibility.SNAPSHOT_CELLS) {
            return;
        }
        int n = Math.min(length, HEADER_PEEK);
        in.getBytes(start, peek, 0, n);
        if (type == Visibility.SNAPSHOT_CELLS) {
            peek[0] = (byte) SNAPSHOT; // the same header: read it as a SNAPSHOT's
        }
        if (header.readHeader(peek, 0, n) == DeltaDecoder.OK && header.full()) {
            metrics.fullSnapshotBytes.recordValue(length);
        }
        if (first) {
            first = false;
            metrics.firstStateBytes.recordValue(length);
        }
        if (metrics.measuring) {
            metrics.downBytes.add(length);
            metrics.snapshots.increment();
            metrics.snapshotBytes.recordValue(length);
            if (lastArrivalNs != 0) {
                metrics.interArrivalUs.recordValueWithExpectedInterval((nowNs - lastArrivalNs) / 1000, expectedIntervalUs);
            }
        }
        lastArrivalNs = nowNs;
    }
}
