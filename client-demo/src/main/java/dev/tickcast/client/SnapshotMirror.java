package dev.tickcast.client;

import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.List;

/**
 * A client's copy of the room state: the current snapshot and the one before it (the predictor of
 * the next delta), rebuilt from each SNAPSHOT message. Allocation-free after warm-up, except
 * strings that change. Confined to one thread.
 */
public final class SnapshotMirror {
    private final DeltaDecoder decoder = new DeltaDecoder();
    private Snapshot current;
    private Snapshot previous;
    private Snapshot scratch;
    private long fullSnapshots;
    private long snapshots;

    /** A mirror for the tables of a SCHEMA message. */
    public SnapshotMirror(List<Schema> schemas) {
        current = new Snapshot(schemas);
        previous = new Snapshot(schemas);
        scratch = new Snapshot(schemas);
    }

    /**
     * Applies one SNAPSHOT message (type byte included). Returns {@link DeltaDecoder#OK},
     * {@link DeltaDecoder#MALFORMED} or {@link DeltaDecoder#WRONG_BASE}; on failure the state is unchanged.
     */
    public int apply(byte[] data, int offset, int length) {
        int result = decoder.readHeader(data, offset, length);
        if (result != DeltaDecoder.OK) {
            return result;
        }
        result = decoder.decodeBody(current, previous, scratch);
        if (result != DeltaDecoder.OK) {
            return result;
        }
        Snapshot recycled = previous;
        previous = current;
        current = scratch;
        scratch = recycled;
        snapshots++;
        if (decoder.full()) {
            fullSnapshots++;
        }
        return DeltaDecoder.OK;
    }

    /** The latest state; valid until the next {@link #apply}. */
    public Snapshot current() {
        return current;
    }

    /** Full snapshots applied. */
    public long fullSnapshots() {
        return fullSnapshots;
    }

    /** Snapshots applied. */
    public long snapshots() {
        return snapshots;
    }
}
