package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.Protocol;

/**
 * Writes the three parts of a SNAPSHOT_CELLS message (docs/PROTOCOL.md 10.10-10.13), each into
 * bytes of its own (zero-padded) with its length in bits, so that a server can encode the shared
 * parts once and put a client's message together by appending their bits ({@code BitCopy}): a
 * client's own part ({@link #beginClientPart} ... {@link #endClientPart}: header, global mask,
 * drops, entered cells, kept-cell bits, owned entries), the global part ({@link #encodeGlobals},
 * shared by every client on the same baseline and predictor) and one chunk per cell
 * ({@link #encodeChunk}, shared by every client that holds the cell at the same baseline and
 * predictor, or enters it at this tick). {@code CellDecoder} is the mirror.
 *
 * <p>One encoder per thread. After warm-up it allocates nothing, except the UTF-8 bytes of strings
 * that are added or changed.
 */
public final class CellEncoder {
    private final BitWriter bits = new BitWriter();
    private final SectionWriter sections = new SectionWriter(bits);
    private final SectionWriter.Side target = new SectionWriter.Side();
    private final SectionWriter.Side base = new SectionWriter.Side();
    private final SectionWriter.Side pred = new SectionWriter.Side();
    private int keptLeft;
    private int headerBytes;

    /**
     * Writes the chunk of {@code cell}: one cell section per cell table of {@code format}, from the
     * cell's rows in {@code b} (null: a keyframe chunk) to those in {@code t}, predicting from the
     * cell's rows in {@code p} (null: no predictor). Each snapshot comes with its layout.
     * Returns the chunk's length in bits (its bytes are padded with zero bits).
     */
    public long encodeChunk(Output out, CellFormat format, int cell, Snapshot t, CellLayout lt,
                               Snapshot b, CellLayout lb, Snapshot p, CellLayout lp) {
        if (b == null && p != null) {
            throw new IllegalArgumentException("a keyframe chunk has no predictor");
        }
        bits.begin(out);
        for (int i = 0; i < t.tableCount(); i++) {
            if (format.global(i)) {
                continue;
            }
            cellSide(target, t, lt, i, cell);
            cellSide(base, b, lb, i, cell);
            cellSide(pred, p, lp, i, cell);
            sections.write(true, format.hidden(i), target, base, pred);
        }
        long length = bits.length();
        bits.end();
        return length;
    }

    private static void cellSide(SectionWriter.Side side, Snapshot s, CellLayout layout, int table, int cell) {
        if (s == null) {
            side.none();
        } else {
            side.set(s.table(table), layout.rows(table), layout.start(table, cell), layout.end(table, cell));
        }
    }

    /**
     * Writes the global part: one 10.4 section per global table of {@code format}, from {@code b}
     * (null: full) to {@code t}; returns its length in bits.
     */
    public long encodeGlobals(Output out, CellFormat format, Snapshot t, Snapshot b, Snapshot p) {
        if (b == null && p != null) {
            throw new IllegalArgumentException("a full snapshot has no predictor");
        }
        bits.begin(out);
        for (int i = 0; i < t.tableCount(); i++) {
            if (!format.global(i)) {
                continue;
            }
            target.all(t.table(i));
            base.all(b == null ? null : b.table(i));
            pred.all(p == null ? null : p.table(i));
            sections.write(false, format.hidden(i), target, base, pred);
        }
        long length = bits.length();
        bits.end();
        return length;
    }

    /**
     * Starts a client's own part: the header ({@code baseTick} {@link Snapshot#NO_TICK} for a
     * keyframe, {@code predTick} NO_TICK for no predictor), the global mask, then the dropped and
     * entered cells (increasing keys). Then call {@link #kept} once per kept cell in key order
     * ({@code keptCount} of them), {@link #owned}, and {@link #endClientPart}.
     */
    public void beginClientPart(Output out, CellFormat format, int tick, int baseTick, int predTick,
                                int[] drops, int dropCount, int[] entered, int enteredCount, int keptCount) {
        if (baseTick == Snapshot.NO_TICK && (predTick != Snapshot.NO_TICK || dropCount != 0 || keptCount != 0)) {
            throw new IllegalArgumentException("a keyframe drops, keeps and predicts nothing");
        }
        int headerStart = out.position();
        out.writeVarInt(Protocol.typeByte(Protocol.SNAPSHOT_CELLS), true);
        out.writeVarInt(tick, true);
        out.writeVarInt(baseTick == Snapshot.NO_TICK ? 0 : tick - baseTick, true);
        out.writeVarInt(predTick == Snapshot.NO_TICK ? 0 : baseTick - predTick, true);
        headerBytes = out.position() - headerStart;
        bits.begin(out);
        for (int i = 0; i < format.tableCount(); i++) {
            bits.writeBit(format.global(i));
        }
        writeKeys(drops, dropCount);
        writeKeys(entered, enteredCount);
        keptLeft = keptCount;
    }

    private void writeKeys(int[] keys, int count) {
        bits.writeU(count);
        int prev = -1;
        for (int k = 0; k < count; k++) {
            bits.writeU(keys[k] - prev - 1);
            prev = keys[k];
        }
    }

    /** The bit of the next kept cell: true if a delta chunk for it follows. */
    public void kept(boolean chunkFollows) {
        if (keptLeft-- <= 0) {
            throw new IllegalStateException("more kept cells than announced");
        }
        bits.writeBit(chunkFollows);
    }

    /** Starts the owned entries: {@code count} calls of {@link #ownedEntry} follow. */
    public void owned(int count) {
        if (keptLeft != 0) {
            throw new IllegalStateException(keptLeft + " kept cells not written");
        }
        bits.writeU(count);
    }

    /**
     * One owned entry: the fields in {@code mask} of row {@code row} of table {@code table} of {@code s},
     * with their true values; the id is coded against {@code body}, the client's own entity (-1: none).
     */
    public void ownedEntry(Snapshot s, int table, int row, int mask, int body) {
        TableSnapshot t = s.table(table);
        Schema schema = t.schema();
        bits.writeU(table);
        bits.writeS(t.id(row) - body);
        bits.write(mask, schema.fieldCount());
        for (int f = 0; f < schema.fieldCount(); f++) {
            if ((mask & (1 << f)) == 0) {
                continue;
            }
            FieldType type = schema.field(f).type();
            if (type == FieldType.STRING) {
                bits.writeString(t.string(row, f));
            } else if (type == FieldType.BOOL) {
                bits.writeBit(t.value(row, f) != 0);
            } else {
                bits.writeS(t.value(row, f));
            }
        }
    }

    /** Ends the client part; returns its length in bits after the header's bytes ({@link #headerBytes()}). */
    public long endClientPart() {
        long length = bits.length();
        bits.end();
        return length;
    }

    /** The bytes of the header (type, tick, baseDelta, predDelta) of the last {@link #beginClientPart}. */
    public int headerBytes() {
        return headerBytes;
    }
}
