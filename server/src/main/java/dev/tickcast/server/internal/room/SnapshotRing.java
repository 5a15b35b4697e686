package dev.tickcast.server.internal.room;

import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.List;

/**
 * The last {@code capacity} snapshots a room broadcast, preallocated and recycled. A client's
 * baseline (or predictor) is usable while its tick is still here; an older one means a keyframe.
 */
final class SnapshotRing {
    private final Snapshot[] slots;
    private long count;

    SnapshotRing(int capacity, List<Schema> schemas) {
        slots = new Snapshot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Snapshot(schemas);
        }
    }

    /** The slot the next snapshot is captured into (it recycles the oldest). */
    Snapshot claim() {
        return slots[(int) (count++ % slots.length)];
    }

    /** The snapshot of {@code tick}, or null if it was never captured or has been recycled. */
    Snapshot find(int tick) {
        if (tick == Snapshot.NO_TICK) {
            return null;
        }
        long first = Math.max(0, count - slots.length);
        for (long i = count - 1; i >= first; i--) {
            Snapshot s = slots[(int) (i % slots.length)];
            if (s.tick() == tick) {
                return s;
            }
            if (s.tick() < tick) {
                return null;
            }
        }
        return null;
    }

    /** The newest snapshot, or null. */
    Snapshot latest() {
        return count == 0 ? null : slots[(int) ((count - 1) % slots.length)];
    }
}
