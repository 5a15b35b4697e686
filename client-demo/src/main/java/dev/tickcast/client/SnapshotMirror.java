package dev.tickcast.client;

import dev.tickcast.delta.CellDecoder;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Protocol;

import java.util.List;

/**
 * A client's copy of the room state: the current snapshot and the one before it (the predictor of
 * the next delta), rebuilt from each SNAPSHOT message; or, for a player of a room with interest,
 * the held cells and global tables rebuilt from each SNAPSHOT_CELLS message by a {@link CellDecoder}
 * (a room never sends both kinds to one client). Allocation-free after warm-up, except strings that
 * change. Confined to one thread.
 */
public final class SnapshotMirror {
    private static final int CELLS_TYPE = Protocol.typeByte(Protocol.SNAPSHOT_CELLS);

    private final List<Schema> schemas;
    private final DeltaDecoder decoder = new DeltaDecoder();
    private CellDecoder cells;
    private int body = -1;
    private Snapshot current;
    private Snapshot previous;
    private Snapshot scratch;
    private long fullSnapshots;
    private long snapshots;
    private long fullCells;

    /** A mirror for the tables of a SCHEMA message. */
    public SnapshotMirror(List<Schema> schemas) {
        this.schemas = schemas;
        current = new Snapshot(schemas);
        previous = new Snapshot(schemas);
        scratch = new Snapshot(schemas);
    }

    /**
     * Sets the client's own entity, WELCOME's entity id (-1, the default, for none): SNAPSHOT_CELLS
     * names an owned entry's entity by its difference from it (docs/PROTOCOL.md 10.13), so call this
     * before the first cells snapshot.
     */
    public void body(int entityId) {
        body = entityId;
        if (cells != null) {
            cells.body(entityId);
        }
    }

    /**
     * Applies one SNAPSHOT or SNAPSHOT_CELLS message (type byte included). Returns {@link DeltaDecoder#OK},
     * {@link DeltaDecoder#MALFORMED} or {@link DeltaDecoder#WRONG_BASE}; on failure the state is unchanged.
     */
    public int apply(byte[] data, int offset, int length) {
        if (length > 0 && (data[offset] & 0xFF) == CELLS_TYPE) {
            return applyCells(data, offset, length);
        }
        if (cells != null) {
            return DeltaDecoder.MALFORMED; // a client of a room with interest gets SNAPSHOT_CELLS only
        }
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

    private int applyCells(byte[] data, int offset, int length) {
        if (cells == null) {
            if (snapshots > 0) {
                return DeltaDecoder.MALFORMED; // SNAPSHOT came first: this client never gets SNAPSHOT_CELLS
            }
            cells = new CellDecoder(schemas);
            cells.body(body);
        }
        int result = cells.apply(data, offset, length);
        if (result == DeltaDecoder.OK) {
            snapshots++;
            if (cells.fullSnapshots() > fullCells) {
                fullCells = cells.fullSnapshots();
                fullSnapshots++;
            }
        }
        return result;
    }

    /**
     * The latest state; valid until the next {@link #apply}. For SNAPSHOT_CELLS, what the client
     * shows: the global tables and the held cells' entities, with the owned entries' values.
     */
    public Snapshot current() {
        return cells != null ? cells.shown() : current;
    }

    /**
     * The cell decoder once a SNAPSHOT_CELLS message arrived (held cells, the cell of an entity,
     * why the last message failed), else null.
     */
    public CellDecoder cells() {
        return cells;
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
