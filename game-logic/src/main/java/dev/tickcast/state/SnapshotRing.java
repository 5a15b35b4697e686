package dev.tickcast.state;

import java.util.List;

/**
 * The last {@link #CAPACITY} snapshots a room captured (one per broadcast), preallocated and
 * recycled. A client's baseline (or predictor) is usable while its tick is still here; an older one
 * means a keyframe. Lag compensation reads a player's view from here too, with nothing recorded per
 * entity.
 *
 * <p>Each capture gets a broadcast sequence number: 0 for the first, then one more per capture
 * ({@link #sequenceOf}, {@link #at}); a host's record of what it sent a client is kept in those.
 * Ticks increase from capture to capture. A room captures every {@code snapshotEveryTicks} ticks
 * exactly, so {@link #find} computes the slot from the newest tick and checks it (O(1)), scanning
 * only if the check fails. One thread (the room's); nothing is allocated after construction but
 * what a snapshot needs to grow.
 */
public final class SnapshotRing {
    /** The snapshots a ring keeps: about three seconds at 20 snapshots a second. */
    public static final int CAPACITY = 64;

    private final Snapshot[] slots;
    private long count;
    private int spacing = 1;

    /** A ring of {@link #CAPACITY} snapshots of the tables of {@code schemas}. */
    public SnapshotRing(List<Schema> schemas) {
        slots = new Snapshot[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = new Snapshot(schemas);
        }
    }

    /**
     * Captures {@code world} at {@code tick} (above every tick captured before) into the next slot,
     * recycling the oldest; returns it. Its sequence number is {@link #newestSequence()}.
     */
    public Snapshot capture(World world, int tick) {
        if (count > 0) {
            int newest = newest().tick();
            if (tick <= newest) {
                throw new IllegalArgumentException("tick " + tick + " is not after the newest snapshot's, " + newest);
            }
            spacing = tick - newest;
        }
        Snapshot s = slots[(int) (count++ % slots.length)];
        s.capture(world, tick);
        return s;
    }

    /** The number of captures so far: the next capture's sequence number. */
    public long captures() {
        return count;
    }

    /** The sequence number of the newest capture, or -1 if none. */
    public long newestSequence() {
        return count - 1;
    }

    /** The sequence number of the oldest capture still held, or -1 if none. */
    public long oldestSequence() {
        return count == 0 ? -1 : Math.max(0, count - slots.length);
    }

    /** The newest snapshot, or null if nothing was captured. */
    public Snapshot newest() {
        return count == 0 ? null : slots[(int) ((count - 1) % slots.length)];
    }

    /** The snapshot of sequence number {@code sequence}, or null if it was never captured or has been recycled. */
    public Snapshot at(long sequence) {
        if (sequence < 0 || sequence >= count || sequence < count - slots.length) {
            return null;
        }
        return slots[(int) (sequence % slots.length)];
    }

    /** The snapshot of {@code tick}, or null if it was never captured or has been recycled. */
    public Snapshot find(int tick) {
        long seq = sequenceOf(tick);
        return seq < 0 ? null : slots[(int) (seq % slots.length)];
    }

    /** The sequence number of the capture of {@code tick}, or -1 if it was never captured or has been recycled. */
    public long sequenceOf(int tick) {
        if (tick == Snapshot.NO_TICK || count == 0) {
            return -1;
        }
        int behind = newest().tick() - tick;
        if (behind < 0) {
            return -1;
        }
        if (behind % spacing == 0) { // regular captures: the slot computed is the one (checked)
            long seq = count - 1 - behind / spacing;
            Snapshot s = at(seq);
            if (s != null && s.tick() == tick) {
                return seq;
            }
        }
        long at = atOrBefore(tick);
        return at >= 0 && slots[(int) (at % slots.length)].tick() == tick ? at : -1;
    }

    /**
     * The sequence number of the newest capture held whose tick is at or before {@code tick}, or -1
     * if every capture held is later (or none is held). A binary search over the ring.
     */
    public long atOrBefore(int tick) {
        long lo = oldestSequence();
        long hi = count - 1;
        if (count == 0 || slots[(int) (lo % slots.length)].tick() > tick) {
            return -1;
        }
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (slots[(int) (mid % slots.length)].tick() <= tick) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
