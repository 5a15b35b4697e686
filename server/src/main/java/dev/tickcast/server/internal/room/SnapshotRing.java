package dev.tickcast.server.internal.room;

import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.List;

/**
 * The last {@link #CAPACITY} snapshots a room broadcast, preallocated and recycled. A client's
 * baseline (or predictor) is usable while its tick is still here; an older one means a keyframe.
 */
final class SnapshotRing {
    /** The snapshots a room keeps: about three seconds at 20 snapshots a second. */
    static final int CAPACITY = 64;

    private final Snapshot[] slots;
    private long count;

    /** A ring of {@link #CAPACITY} snapshots of the tables of {@code schemas}. */
    SnapshotRing(List<Schema> schemas) {
        slots = new Snapshot[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = new Snapshot(schemas);
        }
    }

    /** Captures {@code world} at {@code tick} into the next slot (it recycles the oldest); returns it. */
    Snapshot capture(World world, int tick) {
        Snapshot s = slots[(int) (count++ % slots.length)];
        s.capture(world, tick);
        return s;
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
}
