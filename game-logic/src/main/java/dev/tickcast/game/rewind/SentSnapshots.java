package dev.tickcast.game.rewind;

import dev.tickcast.game.interest.ViewCells;

import java.util.Arrays;

/**
 * What a host sent each seat on its current connection, for judging view stamps: which of the last
 * 64 broadcasts (by the sequence numbers of {@link dev.tickcast.state.SnapshotRing}) reached it, as
 * one 64-bit mask and the newest sequence per seat, so "was it sent" and "the next one sent after"
 * are a few bit operations. In a room with interest, also the cells the seat watched when each
 * broadcast was sent: a short history per seat of versions of its watched set (a new version only
 * when the set changed), so a rewind only shows entities the player was sent.
 *
 * <p>The host records each snapshot after handing it to the seat's connection ({@link #sent}), and
 * {@link #reset}s the seat on a new connection and when the seat is freed. One thread (the room's);
 * no allocation per record but when a watched set outgrows every earlier one.
 */
public final class SentSnapshots {
    /** The broadcasts remembered per seat. */
    public static final int DEPTH = 64;
    /** The versions of a seat's watched cells remembered; an older version is treated as "nothing seen". */
    static final int VERSIONS = 8;

    private final long[] last;
    private final long[] mask;
    // watched-cell history, made at the first record with cells
    private long[][] versionAt;
    private int[][][] versions;
    private int[][] versionCounts;
    private long[] versionsMade;

    /** No snapshot sent yet to seats {@code 0..seats-1}. */
    public SentSnapshots(int seats) {
        last = new long[seats];
        mask = new long[seats];
        Arrays.fill(last, -1);
    }

    /** The number of seats. */
    public int seats() {
        return last.length;
    }

    /** Forgets what was sent to {@code seat} (a new connection, or the seat was freed). */
    public void reset(int seat) {
        last[seat] = -1;
        mask[seat] = 0;
    }

    /** Records that broadcast {@code sequence} (above the seat's last one) was sent to {@code seat}, the whole world. */
    public void sent(int seat, long sequence) {
        long d = sequence - last[seat];
        if (last[seat] >= 0 && d <= 0) {
            throw new IllegalArgumentException("broadcast " + sequence + " is not after " + last[seat]);
        }
        mask[seat] = last[seat] < 0 || d >= DEPTH ? 1L : mask[seat] << d | 1L;
        last[seat] = sequence;
    }

    /**
     * Records that broadcast {@code sequence} was sent to {@code seat}, whose cells (viewer {@code seat}
     * of {@code cells}) are what it holds after that message.
     */
    public void sent(int seat, long sequence, ViewCells cells) {
        sent(seat, sequence);
        if (versions == null) {
            int n = last.length;
            versionAt = new long[n][DEPTH];
            versions = new int[n][VERSIONS][];
            versionCounts = new int[n][VERSIONS];
            versionsMade = new long[n];
        }
        versionAt[seat][(int) (sequence % DEPTH)] = version(seat, cells);
    }

    /** The seat's current version of its watched cells, a new one if they changed. */
    private long version(int seat, ViewCells cells) {
        int count = cells.watchedCount(seat);
        long made = versionsMade[seat];
        if (made > 0 && same(seat, (int) ((made - 1) % VERSIONS), cells, count)) {
            return made - 1;
        }
        int v = (int) (made % VERSIONS);
        int[] slot = versions[seat][v];
        if (slot == null || slot.length < count) {
            slot = new int[Math.max(16, Math.max(count, slot == null ? 0 : slot.length * 2))];
            versions[seat][v] = slot;
        }
        for (int i = 0; i < count; i++) {
            slot[i] = cells.watched(seat, i);
        }
        versionCounts[seat][v] = count;
        versionsMade[seat] = made + 1;
        return made;
    }

    private boolean same(int seat, int v, ViewCells cells, int count) {
        if (versionCounts[seat][v] != count) {
            return false;
        }
        int[] slot = versions[seat][v];
        for (int i = 0; i < count; i++) {
            if (slot[i] != cells.watched(seat, i)) {
                return false;
            }
        }
        return true;
    }

    /** True if broadcast {@code sequence} was sent to {@code seat} (among the last {@link #DEPTH} it could have been). */
    public boolean wasSent(int seat, long sequence) {
        long d = last[seat] - sequence;
        return last[seat] >= 0 && d >= 0 && d < DEPTH && (mask[seat] >>> d & 1L) != 0;
    }

    /** The newest broadcast sent to {@code seat}, or -1. */
    public long newest(int seat) {
        return last[seat];
    }

    /** The oldest broadcast sent to {@code seat} still remembered, or -1. */
    public long oldest(int seat) {
        return last[seat] < 0 ? -1 : last[seat] - (63 - Long.numberOfLeadingZeros(mask[seat]));
    }

    /** The first broadcast sent to {@code seat} after {@code sequence}, or -1 if none. */
    public long next(int seat, long sequence) {
        long d = last[seat] - sequence;
        if (last[seat] < 0 || d <= 0) {
            return -1;
        }
        long later = d >= DEPTH ? mask[seat] : mask[seat] & ((1L << d) - 1); // bit i: broadcast last - i
        return last[seat] - (63 - Long.numberOfLeadingZeros(later));
    }

    /** The newest broadcast sent to {@code seat} at or before {@code sequence}, or -1 if none is remembered. */
    public long atOrBefore(int seat, long sequence) {
        if (last[seat] < 0) {
            return -1;
        }
        long d = last[seat] - sequence;
        if (d <= 0) {
            return last[seat];
        }
        if (d >= DEPTH) {
            return -1;
        }
        long earlier = mask[seat] >>> d;
        return earlier == 0 ? -1 : sequence - Long.numberOfTrailingZeros(earlier);
    }

    /**
     * True if {@code seat} watched {@code cell} when broadcast {@code sequence} (one {@link #wasSent})
     * was sent to it with its cells. False when no cells were recorded for it, or when the version of
     * its watched set then has been overwritten by {@link #VERSIONS} newer ones: the entity counts as
     * not seen (a rewind never shows what it cannot prove was sent).
     */
    public boolean watched(int seat, long sequence, int cell) {
        if (versions == null || cell < 0 || !wasSent(seat, sequence)) {
            return false;
        }
        long version = versionAt[seat][(int) (sequence % DEPTH)];
        if (versionsMade[seat] - version > VERSIONS || version >= versionsMade[seat]) {
            return false;
        }
        int v = (int) (version % VERSIONS);
        return Arrays.binarySearch(versions[seat][v], 0, versionCounts[seat][v], cell) >= 0;
    }
}
