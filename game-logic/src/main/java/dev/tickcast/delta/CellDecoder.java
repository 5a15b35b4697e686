package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.Protocol;

import java.util.List;
import java.util.Objects;

/**
 * A client's side of SNAPSHOT_CELLS (docs/PROTOCOL.md 10.10-10.14): keeps the current and previous
 * states (global tables and held cells), applies each message against them, and builds what the
 * client shows. Malformed input is a return value, never an exception, and leaves the state as it
 * was. After warm-up it allocates nothing per message except strings. One decoder per thread.
 *
 * <pre>{@code
 * 0x26 T B P | client part: globalMask, drops, enters, kept bits, owned entries
 *            | global part: a 10.4 section per global table
 *            | a chunk per entered cell and per kept cell whose bit is 1, in key order:
 *            |   a section bit and 10.11 cell section per cell table  | pad (once, at the end)
 * }</pre>
 */
public final class CellDecoder {
    private static final int TYPE_BYTE = Protocol.typeByte(Protocol.SNAPSHOT_CELLS);

    private final List<Schema> schemas;
    private final int tableCount;
    private final Input input = new Input();
    private final BitReader bits = new BitReader();
    private final CellSection section;
    private final CellMerge merge = new CellMerge();
    private final OwnedEntries owned;
    private final CellState.Pool pool;
    private final CellState empty;
    private CellState previous;
    private CellState current;
    private CellState next;
    private Snapshot shown;
    private Snapshot building;
    private final HeldChanges changes = new HeldChanges();
    private int tick;
    private int baseTick;
    private int predTick;
    private int bodyOffset;
    private int body = -1;
    private int end;
    private String reason;
    private String chunkError;
    private long snapshots;
    private long fullSnapshots;

    /** A decoder for the tables of a SCHEMA message. */
    public CellDecoder(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
        tableCount = schemas.size();
        section = new CellSection(bits, this.schemas);
        owned = new OwnedEntries(this.schemas);
        pool = new CellState.Pool(this.schemas);
        empty = new CellState(this.schemas);
        previous = new CellState(this.schemas);
        current = new CellState(this.schemas);
        next = new CellState(this.schemas);
        shown = new Snapshot(this.schemas);
        building = new Snapshot(this.schemas);
    }

    /**
     * Applies one SNAPSHOT_CELLS message (type byte included): {@link DeltaDecoder#OK},
     * {@link DeltaDecoder#MALFORMED} or {@link DeltaDecoder#WRONG_BASE}; on failure nothing changes.
     */
    public int apply(byte[] data, int offset, int length) {
        int result = decode(data, offset, length);
        if (result != DeltaDecoder.OK) {
            next.clear(pool);
            return result;
        }
        previous.clear(pool);
        CellState recycled = previous;
        previous = current;
        current = next;
        next = recycled;
        Snapshot s = shown;
        shown = building;
        building = s;
        snapshots++;
        if (baseTick == Snapshot.NO_TICK) {
            fullSnapshots++;
        }
        reason = null;
        return DeltaDecoder.OK;
    }

    /**
     * What the client shows after the last apply: every table in SCHEMA order, holding the global
     * tables and every held cell's entities merged in id order, with the owned entries' values
     * applied; its tick is the message's. Valid until the next {@link #apply}.
     */
    public Snapshot shown() {
        return shown;
    }

    /**
     * Sets the client's own entity (WELCOME's entity id; -1, the default, for none): owned entries
     * name their entity by its difference from it (docs/PROTOCOL.md 10.13).
     */
    public void body(int entity) {
        body = entity;
    }

    /** The number of cells held now. */
    public int heldCellCount() {
        return current.count;
    }

    /** The key of held cell {@code i}, in increasing key order. */
    public int heldCell(int i) {
        return current.keys[Objects.checkIndex(i, current.count)];
    }

    /** The held cell an entity of a cell table is in, or -1 (always -1 for a global table). */
    public int cellOf(int table, int id) {
        if (globalTable(table)) {
            return -1;
        }
        for (int c = 0; c < current.count; c++) {
            if (current.cells[c].tables.table(table).rowOf(id) >= 0) {
                return current.keys[c];
            }
        }
        return -1;
    }

    /** True if {@code table} is a global table, from the last message's globalMask. */
    public boolean globalTable(int table) {
        return (current.globalMask & (1L << table)) != 0;
    }

    /** Why the last apply failed (for logs and tests), null after one that succeeded. */
    public String reason() {
        return reason;
    }

    /** Messages applied. */
    public long snapshots() {
        return snapshots;
    }

    /** Keyframes ({@code baseDelta = 0}) applied. */
    public long fullSnapshots() {
        return fullSnapshots;
    }

    private int decode(byte[] data, int offset, int length) {
        if (!readHeader(data, offset, length)) {
            return malformed("header");
        }
        boolean keyframe = baseTick == Snapshot.NO_TICK;
        if (!keyframe && current.tick != baseTick) {
            return wrongBase("baseline tick " + baseTick + ", current state " + current.tick);
        }
        boolean predicted = predTick != Snapshot.NO_TICK;
        if (predicted && previous.tick != predTick) {
            return wrongBase("predictor tick " + predTick + ", previous state " + previous.tick);
        }
        CellState base = keyframe ? empty : current;
        CellState pred = predicted ? previous : null;
        bits.begin(data, bodyOffset, end - bodyOffset);
        long bodyBits = 8L * (end - bodyOffset);
        long mask = bits.read(Math.min(tableCount, 32));
        if (tableCount > 32) {
            mask |= bits.read(tableCount - 32) << 32;
        }
        if (bits.failed()) {
            return malformed("no client part");
        }
        if (!keyframe && mask != current.globalMask) {
            return malformed("globalMask changed");
        }
        String err = changes.read(bits, base, bodyBits);
        if (err != null) {
            return malformed(err);
        }
        if (!owned.read(bits, bodyBits / 2, body)) {
            return malformed("client part (kept bits or owned entries)");
        }
        next.tick = tick;
        next.globalMask = mask;
        for (int table = 0; table < tableCount; table++) {
            TableSnapshot t = next.globals.table(table);
            if ((mask & (1L << table)) == 0) {
                t.clear();
            } else if (!section.global(base.globals.table(table), pred == null ? null : pred.globals.table(table), t)) {
                return malformed("global section of " + schemas.get(table).name() + ": " + section.error());
            }
        }
        err = readChunks(base, pred, mask);
        if (err != null) {
            return malformed(err);
        }
        if (!bits.atEnd()) {
            return malformed("bytes after the last chunk");
        }
        if (!merge.build(next, building)) {
            return malformed("id " + merge.duplicate() + " is in two places");
        }
        if (!owned.apply(building)) {
            return malformed(owned.failed());
        }
        building.tick(tick);
        return DeltaDecoder.OK;
    }

    private boolean readHeader(byte[] data, int offset, int length) {
        input.setBuffer(data, offset, length);
        int type = readVarInt();
        int t = readVarInt();
        int baseDelta = readVarInt();
        int predDelta = readVarInt();
        if (type != TYPE_BYTE || t < 0 || baseDelta < 0 || predDelta < 0
                || baseDelta > t || (baseDelta == 0 && predDelta != 0) || predDelta > t - baseDelta) {
            return false;
        }
        tick = t;
        baseTick = baseDelta == 0 ? Snapshot.NO_TICK : t - baseDelta;
        predTick = predDelta == 0 ? Snapshot.NO_TICK : baseTick - predDelta;
        bodyOffset = input.position();
        end = offset + length;
        return true;
    }

    /** The chunks, in key order over the entered cells and the kept cells whose bit is 1; builds {@link #next}. */
    private String readChunks(CellState base, CellState pred, long mask) {
        int e = 0;
        int k = 0;
        int[] entered = changes.entered;
        while (e < changes.enterCount || k < base.count) {
            if (e == changes.enterCount || (k < base.count && base.keys[k] < entered[e])) {
                int key = base.keys[k];
                CellState.Cell kept = base.cells[k];
                boolean chunk = changes.chunked[k];
                boolean drop = changes.dropped[k];
                k++;
                if (drop) {
                    continue;
                }
                if (!chunk) {
                    next.add(key, kept);
                } else if (!readChunk(key, kept, pred == null ? null : pred.cell(key), mask)) {
                    return "chunk of cell " + key + ", " + chunkError;
                }
            } else {
                int key = entered[e++];
                if (!readChunk(key, null, null, mask)) {
                    return "keyframe chunk of cell " + key + ", " + chunkError;
                }
            }
        }
        return null;
    }

    private boolean readChunk(int key, CellState.Cell base, CellState.Cell pred, long mask) {
        CellState.Cell cell = pool.take();
        next.add(key, cell);
        for (int table = 0; table < tableCount; table++) {
            if ((mask & (1L << table)) != 0) {
                continue;
            }
            TableSnapshot b = base == null ? null : base.tables.table(table);
            TableSnapshot p = pred == null ? null : pred.tables.table(table);
            if (!section.cell(table, b, p, cell.tables.table(table))) {
                chunkError = schemas.get(table).name() + ": " + section.error();
                return false;
            }
        }
        chunkError = "cut";
        return !bits.failed();
    }

    private int malformed(String why) {
        reason = why;
        return DeltaDecoder.MALFORMED;
    }

    private int wrongBase(String why) {
        reason = why;
        return DeltaDecoder.WRONG_BASE;
    }

    private int readVarInt() {
        return input.canReadVarInt() ? input.readVarInt(true) : -1;
    }
}
