package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.interest.CellIndex;
import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.ViewCells;
import dev.tickcast.game.rewind.CellHistory;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.Arrays;

/**
 * The players' side of a broadcast in a room with interest (docs/PROTOCOL.md 10.10): a player's
 * SNAPSHOT_CELLS is its own part (header, drops, entered cells, kept-cell bits, owned entries)
 * followed by shared parts: the global part, encoded once per (baseline, predictor), and one chunk
 * per watched cell that changed since the player's baseline, encoded once per (cell, baseline,
 * predictor) and shared by every player on that variant; a cell entered gets a keyframe chunk,
 * encoded once per cell and tick. So encode work follows the changed cells watched, not players x
 * entities; per player there is its subscription update, its own part, and the copy of its bytes
 * ({@link #copyMessage}).
 *
 * <p>Lag compensation reads its layouts ({@link CellHistory}): the host records, after sending a
 * player its message, the cells it then watches ({@link #viewCells()}) in its
 * {@code SentSnapshots}.
 *
 * <p>Per broadcast: {@link #begin} once, right after the snapshot is captured from the world (the
 * cell index is updated from the same world), then {@link #message} per player, each followed by
 * {@link #copyMessage} before the next. It keeps the layouts of the last {@link #LAYOUTS}
 * broadcasts: a baseline older than that is treated as lost (a keyframe), as the server's ring
 * does. No Vert.x; one thread (the room's). Allocation-free after warm-up (strings too).
 */
public final class CellBroadcast implements CellHistory {
    /** The broadcasts whose cell layouts are kept (the server's snapshot ring holds as many). */
    public static final int LAYOUTS = 64;

    private final Interest interest;
    private final CellIndex index;
    private final ViewCells viewCells;
    private final CellFormat format;
    private final Owners owners;
    private final CellLayout[] layouts = new CellLayout[LAYOUTS];
    private final CellChanges changes;
    private final ChunkCache cache;
    private final PlayerCells players;
    private final CellEncoder encoder = new CellEncoder();
    private final Output own = new Output(256, -1);
    private int[] drops = new int[16];
    private int[] entered = new int[16];
    private int[] chunkPair = new int[64];
    private int[] chunkCell = new int[64];
    private boolean[] keptBits = new boolean[64];
    private CellLayout now;
    private long broadcasts;
    private Snapshot usedBase;
    private int planned;
    private int plannedChunks;
    private long ownBits;
    private int plannedLength;

    /** The broadcast of a room whose world is {@code world} (frozen), for players {@code 0..maxPlayers-1}. */
    public CellBroadcast(Interest interest, World world, int maxPlayers) {
        this.interest = interest;
        this.index = new CellIndex(interest.spec());
        this.viewCells = new ViewCells(interest.spec(), maxPlayers);
        this.format = CellFormats.of(interest.spec(), world);
        this.owners = new Owners(interest.spec(), maxPlayers);
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = new CellLayout(world.tables().size(), index);
        }
        this.changes = new CellChanges(index.cellCount(), format);
        this.cache = new ChunkCache(index.cellCount());
        this.players = new PlayerCells(maxPlayers);
    }

    /**
     * Prepares the broadcast of {@code snapshot}, just captured from the world; {@code before} is the
     * previous broadcast's snapshot if it is still held (null otherwise: every cell counts as changed).
     */
    public void begin(Snapshot snapshot, Snapshot before) {
        index.update();
        now = layouts[(int) (broadcasts++ % layouts.length)];
        now.capture(index, snapshot.tick());
        CellLayout lbefore = before == null ? null : layoutOf(before.tick());
        changes.update(snapshot, now, lbefore == null ? null : before, lbefore);
        owners.index(snapshot);
        cache.begin();
    }

    /** The layout of the broadcast of {@code tick}, or null if it is no longer kept (one of the last {@link #LAYOUTS}). */
    @Override
    public CellLayout layout(int tick) {
        return layoutOf(tick);
    }

    /** True if world table {@code table} is sent by cells (not global). */
    @Override
    public boolean cellTable(int table) {
        return !format.global(table);
    }

    private CellLayout layoutOf(int tick) {
        if (tick < 0) {
            return null;
        }
        for (CellLayout l : layouts) {
            if (l.tick() == tick) {
                return l;
            }
        }
        return null;
    }

    /**
     * Builds the message of the player in {@code seat}, whose body is entity {@code body} (-1: none),
     * for {@code t} (the snapshot of {@link #begin}),
     * from its baseline {@code b} (null: a keyframe) and predictor {@code p} (null: none); its
     * subscriptions move on to {@code t}. Returns the message's length; {@link #copyMessage} copies it.
     * Returns the baseline actually used in {@link #usedBase()} (null if the layout of {@code b} was gone).
     */
    public int message(int seat, int body, Snapshot t, Snapshot b, Snapshot p) {
        CellLayout lb = b == null ? null : layoutOf(b.tick());
        CellLayout lp = p == null ? null : layoutOf(p.tick());
        if (lb == null) {
            b = null;
            p = null;
            viewCells.forget(seat);
        } else if (lp == null) {
            p = null;
        }
        viewCells.update(interest.views(), seat);
        int baseTick = b == null ? Snapshot.NO_TICK : b.tick();
        int predTick = p == null ? Snapshot.NO_TICK : p.tick();
        int global = cache.pair(baseTick, predTick);
        if (!cache.hasGlobal(global)) {
            int at = cache.arena.position();
            cache.putGlobal(global, at, encoder.encodeGlobals(cache.arena, format, t, b, p));
        }
        int chunks = planChunks(seat, baseTick, predTick, global);
        for (int k = 0; k < chunks; k++) {
            encodeChunk(chunkPair[k], chunkCell[k], t, b, lb, p, lp);
        }
        writeOwnPart(seat, body, t, baseTick, predTick);
        players.remember(seat, entered, viewCells.enteredCount(seat));
        usedBase = b;
        planned = global;
        plannedChunks = chunks;
        plannedLength = length(global, chunks);
        return plannedLength;
    }

    /** Lists the chunks the player needs, in cell order (entered cells and kept cells that changed), and the kept bits. */
    private int planChunks(int seat, int baseTick, int predTick, int global) {
        int watched = viewCells.watchedCount(seat);
        int enteredCount = viewCells.enteredCount(seat);
        ensure(watched);
        for (int i = 0; i < enteredCount; i++) {
            entered[i] = viewCells.entered(seat, i);
        }
        int keyframe = enteredCount > 0 ? cache.pair(Snapshot.NO_TICK, Snapshot.NO_TICK) : -1;
        int noPred = baseTick == Snapshot.NO_TICK || predTick == Snapshot.NO_TICK ? global : cache.pair(baseTick, Snapshot.NO_TICK);
        int chunks = 0;
        int kept = 0;
        int e = 0;
        for (int i = 0; i < watched; i++) {
            int c = viewCells.watched(seat, i);
            if (e < enteredCount && entered[e] == c) {
                e++;
                chunkPair[chunks] = keyframe;
                chunkCell[chunks++] = c;
                continue;
            }
            boolean changed = changes.changedAfter(c, baseTick);
            keptBits[kept++] = changed;
            if (changed) {
                boolean heldAtPred = predTick != Snapshot.NO_TICK && !players.enteredLast(seat, c);
                chunkPair[chunks] = heldAtPred ? global : noPred;
                chunkCell[chunks++] = c;
            }
        }
        return chunks;
    }

    private void encodeChunk(int pair, int cell, Snapshot t, Snapshot b, CellLayout lb, Snapshot p, CellLayout lp) {
        if (cache.hasChunk(pair, cell)) {
            return;
        }
        boolean keyframe = cache.baseTick(pair) == Snapshot.NO_TICK;
        boolean predicted = cache.predTick(pair) != Snapshot.NO_TICK;
        int at = cache.arena.position();
        cache.putChunk(pair, cell, at, encoder.encodeChunk(cache.arena, format, cell, t, now, keyframe ? null : b,
                keyframe ? null : lb, predicted ? p : null, predicted ? lp : null));
    }

    private void writeOwnPart(int seat, int body, Snapshot t, int baseTick, int predTick) {
        int dropCount = baseTick == Snapshot.NO_TICK ? 0 : viewCells.leftCount(seat);
        if (drops.length < dropCount) {
            drops = new int[Math.max(dropCount, drops.length * 2)];
        }
        for (int i = 0; i < dropCount; i++) {
            drops[i] = viewCells.left(seat, i);
        }
        int enteredCount = viewCells.enteredCount(seat);
        int kept = viewCells.watchedCount(seat) - enteredCount;
        own.reset();
        encoder.beginClientPart(own, format, t.tick(), baseTick, predTick, drops, dropCount, entered, enteredCount, kept);
        for (int k = 0; k < kept; k++) {
            encoder.kept(keptBits[k]);
        }
        encoder.owned(owned(seat, body, t, false));
        owned(seat, body, t, true);
        ownBits = encoder.endClientPart();
    }

    /** Counts the player's owned entries, or writes them ({@code write}), in declaration then row order. */
    private int owned(int seat, int body, Snapshot t, boolean write) {
        int n = 0;
        for (int d = 0; d < owners.declarations(); d++) {
            int table = owners.table(d);
            int row = !owners.body(d) ? owners.first(d, seat) : body < 0 ? -1 : t.table(table).rowOf(body);
            for (; row >= 0; row = owners.body(d) ? -1 : owners.next(d, row)) {
                if (holds(seat, table, row)) {
                    n++;
                    if (write) {
                        encoder.ownedEntry(t, table, row, owners.mask(d), body);
                    }
                }
            }
        }
        return n;
    }

    /** True if the player holds {@code row} of {@code table} after this message: a global table, or a watched home cell. */
    private boolean holds(int seat, int table, int row) {
        return format.global(table) || viewCells.watches(seat, now.home(table, row));
    }

    private int length(int global, int chunks) {
        long bits = ownBits + cache.globalBits(global);
        for (int k = 0; k < chunks; k++) {
            bits += cache.chunkBits(chunkPair[k], chunkCell[k]);
        }
        return encoder.headerBytes() + (int) ((bits + 7) >>> 3);
    }

    /**
     * Copies the message built by the last {@link #message} into {@code dst} from {@code at}: the
     * header's bytes, then the bits of its parts one after the other, zero-padded once at the end.
     */
    public void copyMessage(byte[] dst, int at) {
        byte[] arena = cache.arena.getBuffer();
        int header = encoder.headerBytes();
        Arrays.fill(dst, at, at + plannedLength, (byte) 0);
        System.arraycopy(own.getBuffer(), 0, dst, at, header);
        long bit = (long) (at + header) * 8;
        bit = BitCopy.append(own.getBuffer(), header, ownBits, dst, bit);
        bit = BitCopy.append(arena, cache.globalOffset(planned), cache.globalBits(planned), dst, bit);
        for (int k = 0; k < plannedChunks; k++) {
            bit = BitCopy.append(arena, cache.chunkOffset(chunkPair[k], chunkCell[k]), cache.chunkBits(chunkPair[k], chunkCell[k]),
                    dst, bit);
        }
    }

    /** The baseline the last {@link #message} used: its {@code b}, or null if it had to send a keyframe. */
    public Snapshot usedBase() {
        return usedBase;
    }

    /** The cells each player watches (what it holds after its last message), for tests and tools. */
    public ViewCells viewCells() {
        return viewCells;
    }

    /** The cell layout of the snapshot of the current broadcast. */
    public CellLayout layout() {
        return now;
    }

    /** The wire split of the room's tables. */
    public CellFormat format() {
        return format;
    }

    private void ensure(int watched) {
        if (chunkPair.length < watched) {
            int n = Math.max(watched, chunkPair.length * 2);
            chunkPair = new int[n];
            chunkCell = new int[n];
            keptBits = new boolean[n];
        }
        if (entered.length < watched) {
            entered = Arrays.copyOf(entered, Math.max(watched, entered.length * 2));
        }
    }

    /** Shared parts encoded since the room started. */
    public long encodes() {
        return cache.encodes();
    }
}
