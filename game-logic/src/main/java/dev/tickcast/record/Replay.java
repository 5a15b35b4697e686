package dev.tickcast.record;

import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds the recorded states of an {@link ArchiveReader}, snapshot by snapshot, through the
 * {@link DeltaDecoder} (docs/PROTOCOL.md 14.5). {@link #seek} starts at the last fragment with a
 * keyframe at or before the tick asked and rolls forward; {@link #next} steps one snapshot on.
 * Starting at a fragment, its keyframe is the state of its start tick and its first SNAPSHOT
 * entry is skipped; rolling on from the fragment before, the first SNAPSHOT entry is decoded and
 * the keyframe ignored. A snapshot that does not decode ends the replay ({@link #error()}).
 */
public final class Replay {
    private final ArchiveReader reader;
    private final DeltaDecoder decoder = new DeltaDecoder();
    private final List<Schema> schemas;
    private Snapshot current;
    private Snapshot previous;
    private Snapshot spare;
    private int fragment = -1;
    /** The current fragment's SNAPSHOT entries: tick, offset, length, in triples. */
    private int[] entries = new int[48];
    private int entryCount;
    private int cursor;
    private String error;

    Replay(ArchiveReader reader) {
        this.reader = reader;
        this.schemas = reader.head() == null ? null : reader.head().schemas();
        if (schemas == null) {
            error = "no readable schema";
        } else {
            current = new Snapshot(schemas);
            previous = new Snapshot(schemas);
            spare = new Snapshot(schemas);
        }
    }

    /**
     * Moves to the last recorded snapshot at or before {@code tick}; false if there is none (the
     * tick is before the first fragment, or the archive cannot be replayed there).
     */
    public boolean seek(int tick) {
        if (error != null && schemas == null) {
            return false;
        }
        int k = keyframeAtOrBefore(tick);
        if (k < 0) {
            return false;
        }
        boolean ahead = fragment >= k && error == null && current.tick() != Snapshot.NO_TICK && current.tick() <= tick;
        if (!ahead && !start(k)) {
            return false;
        }
        while (error == null && nextTick() != Snapshot.NO_TICK && nextTick() <= tick) {
            next();
        }
        return error == null;
    }

    /** Steps to the next recorded snapshot; false at the end of the readable part or on an error. */
    public boolean next() {
        if (error != null || fragment < 0) {
            return false;
        }
        if (cursor < entryCount) {
            return decode(cursor++);
        }
        if (fragment + 1 >= reader.fragments().size()) {
            return false;
        }
        load(fragment + 1);
        if (entryCount == 0) {
            return false;
        }
        cursor = 1;
        return decode(0);
    }

    /** The tick of the next snapshot {@link #next} would reach, or {@link Snapshot#NO_TICK}. */
    public int nextTick() {
        if (cursor < entryCount) {
            return entries[3 * cursor];
        }
        int f = fragment + 1;
        while (f < reader.fragments().size()) {
            int[] first = new int[] {Snapshot.NO_TICK};
            reader.entries(f, new EntryVisitor() {
                @Override
                public void snapshot(int t, byte[] data, int offset, int length) {
                    if (first[0] == Snapshot.NO_TICK) {
                        first[0] = t;
                    }
                }
            });
            if (first[0] != Snapshot.NO_TICK) {
                return first[0];
            }
            f++;
        }
        return Snapshot.NO_TICK;
    }

    /** The state reached (do not change it); its tick is {@link Snapshot#NO_TICK} before the first seek. */
    public Snapshot state() {
        return current;
    }

    /** The current state's tick. */
    public int tick() {
        return current == null ? Snapshot.NO_TICK : current.tick();
    }

    /** The index into {@link ArchiveReader#fragments()} of the fragment being played, -1 before a seek. */
    public int fragment() {
        return fragment;
    }

    /** Null, or why the replay stopped (a snapshot that did not decode). */
    public String error() {
        return error;
    }

    private int keyframeAtOrBefore(int tick) {
        List<ArchiveReader.Fragment> list = reader.fragments();
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).hasFull() && list.get(i).startTick() <= tick) {
                return i;
            }
        }
        return -1;
    }

    private boolean start(int k) {
        error = null;
        load(k);
        int[] full = reader.full(k);
        previous.clear();
        previous.tick(Snapshot.NO_TICK);
        if (!decodeInto(reader.bytes(), full[0], full[1], null, null)) {
            return false;
        }
        int startTick = reader.fragments().get(k).startTick();
        cursor = entryCount > 0 && entries[0] == startTick ? 1 : 0;
        return true;
    }

    private void load(int f) {
        fragment = f;
        entryCount = 0;
        cursor = 0;
        reader.entries(f, new EntryVisitor() {
            @Override
            public void snapshot(int tick, byte[] data, int offset, int length) {
                if (3 * entryCount + 3 > entries.length) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                }
                entries[3 * entryCount] = tick;
                entries[3 * entryCount + 1] = offset;
                entries[3 * entryCount + 2] = length;
                entryCount++;
            }
        });
    }

    private boolean decode(int i) {
        return decodeInto(reader.bytes(), entries[3 * i + 1], entries[3 * i + 2], current, previous);
    }

    private boolean decodeInto(byte[] data, int offset, int length, Snapshot base, Snapshot pred) {
        int r = decoder.readHeader(data, offset, length);
        if (r == DeltaDecoder.OK) {
            r = decoder.decodeBody(base != null && base.tick() != Snapshot.NO_TICK ? base : null,
                    pred != null && pred.tick() != Snapshot.NO_TICK ? pred : null, spare);
        }
        if (r != DeltaDecoder.OK) {
            error = "the snapshot at byte " + offset + " (fragment " + fragment + ") "
                    + (r == DeltaDecoder.WRONG_BASE ? "needs a baseline not held" : "is malformed");
            return false;
        }
        Snapshot decoded = spare;
        spare = previous;
        previous = current;
        current = decoded;
        if (base == null) {
            // A keyframe: the state before it is no predictor of anything after it.
            previous.clear();
            previous.tick(Snapshot.NO_TICK);
        }
        return true;
    }
}
