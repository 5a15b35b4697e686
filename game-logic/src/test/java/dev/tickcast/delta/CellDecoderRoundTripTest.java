package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.interest.CellIndex;
import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CellEncoder to CellDecoder over a seeded random world: entities walk across cells (so they move
 * between held cells), appear and disappear, a global table changes, the client's held cells change
 * every tick (drops and entries), keyframes come now and then, and owner-only fields reach their
 * owner only. After every message the decoder shows exactly the server's entities of the held cells
 * and the global tables, owner-only fields at their default except the client's own.
 */
class CellDecoderRoundTripTest {
    private static final int PLAYER = 3;
    private static final double SIZE = 1000;

    private final Schema orbSchema = new Schema("orb");
    private final Field orbX = orbSchema.qfloat("x", 0.1f, true);
    private final Field orbY = orbSchema.qfloat("y", 0.1f, true);
    private final Field orbValue = orbSchema.intField("value", false);
    private final Field orbTag = orbSchema.stringField("tag");
    private final Field orbLit = orbSchema.boolField("lit");
    private final Field orbOwner = orbSchema.intField("owner", false);
    private final Field orbAmmo = orbSchema.intField("ammo", false);
    private final Schema boardSchema = new Schema("board");
    private final Field boardScore = boardSchema.intField("score", true);
    private final Field boardName = boardSchema.stringField("name");
    private final Schema podSchema = new Schema("pod");
    private final Field podX = podSchema.qfloat("x", 0.1f, true);
    private final Field podY = podSchema.qfloat("y", 0.1f, true);

    private final World world = new World();
    private final Table orbs = world.createTable(orbSchema);
    private final Table board = world.createTable(boardSchema);
    private final Table pods = world.createTable(podSchema);
    private final InterestSpec spec = InterestSpec.builder().grid(100, SIZE, SIZE)
            .positioned(orbs, orbX, orbY).positioned(pods, podX, podY).global(board)
            .ownerOnly(orbs, orbOwner, orbAmmo).build();
    private final CellIndex index = new CellIndex(spec);
    private final CellFormat format = new CellFormat(new boolean[] {false, true, false}, new int[] {1 << orbAmmo.index(), 0, 0});
    private final CellEncoder encoder = new CellEncoder();

    @Test
    void shouldShowWhatTheServerHoldsForTheClient() {
        for (long seed = 1; seed <= 3; seed++) {
            run(new SplittableRandom(seed), 150);
        }
    }

    private void run(SplittableRandom random, int ticks) {
        for (int i = 0; i < 80; i++) {
            spawn(random, i % 4 == 0 ? pods : orbs);
        }
        CellDecoder decoder = new CellDecoder(world.schemas());
        Sent previous = null;
        Sent current = null;
        TreeSet<Integer> held = new TreeSet<>();
        for (int tick = 1; tick <= ticks; tick++) {
            step(random);
            Sent now = capture(tick);
            boolean keyframe = current == null || random.nextInt(30) == 0;
            TreeSet<Integer> next = nextHeld(random, held);
            Output out = message(now, keyframe ? null : current, keyframe ? null : previous, held, next);
            byte[] frame = out.toBytes();
            assertEquals(DeltaDecoder.OK, decoder.apply(frame, 0, frame.length), "tick " + tick + ": " + decoder.reason());
            Snapshot expected = expected(now, next);
            assertTrue(expected.sameContent(decoder.shown()),
                    "tick " + tick + "\nexpected " + expected.describe() + "\nshown " + decoder.shown().describe());
            assertEquals(tick, decoder.shown().tick());
            assertEquals(next.size(), decoder.heldCellCount());
            checkCells(decoder, now, next);
            previous = current;
            current = now;
            held = next;
        }
    }

    /** The state of one tick: its snapshot and which rows are homed in which cell. */
    private record Sent(Snapshot snapshot, CellLayout layout, TreeSet<Integer> held) {
    }

    private Sent capture(int tick) {
        index.update();
        Snapshot s = new Snapshot(world.schemas());
        s.capture(world, tick);
        CellLayout layout = new CellLayout(world.tables().size(), index);
        layout.capture(index, tick);
        return new Sent(s, layout, new TreeSet<>());
    }

    private Output message(Sent t, Sent b, Sent p, TreeSet<Integer> heldAtB, TreeSet<Integer> next) {
        List<Integer> drops = new ArrayList<>();
        List<Integer> entered = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        if (b == null) {
            entered.addAll(next);
        } else {
            for (int c : heldAtB) {
                (next.contains(c) ? kept : drops).add(c);
            }
            for (int c : next) {
                if (!heldAtB.contains(c)) {
                    entered.add(c);
                }
            }
        }
        t.held.addAll(next);
        // One BitWriter inside the encoder: the chunks are encoded before the client part is begun.
        List<Boolean> bits = new ArrayList<>();
        TreeSet<Integer> chunked = new TreeSet<>(entered);
        for (int c : kept) {
            Output probe = new Output(256, -1);
            // a chunk of nothing but section bits 0: the cell is unchanged since b
            boolean same = encoder.encodeChunk(probe, format, c, t.snapshot, t.layout, b.snapshot, b.layout, null, null)
                    == cellTables();
            bits.add(!same);
            if (!same) {
                chunked.add(c);
            }
        }
        List<byte[]> chunks = new ArrayList<>();
        List<Long> chunkBits = new ArrayList<>();
        for (int c : chunked) {
            Output chunk = new Output(256, -1);
            boolean enters = !kept.contains(c);
            boolean predicted = !enters && p != null && p.held.contains(c);
            chunkBits.add(encoder.encodeChunk(chunk, format, c, t.snapshot, t.layout, enters ? null : b.snapshot,
                    enters ? null : b.layout, predicted ? p.snapshot : null, predicted ? p.layout : null));
            chunks.add(chunk.toBytes());
        }
        Output own = new Output(256, -1);
        encoder.beginClientPart(own, format, t.snapshot.tick(), b == null ? Snapshot.NO_TICK : b.snapshot.tick(),
                p == null ? Snapshot.NO_TICK : p.snapshot.tick(), array(drops), drops.size(), array(entered),
                entered.size(), kept.size());
        for (boolean bit : bits) {
            encoder.kept(bit);
        }
        writeOwned(t, next);
        long ownBits = encoder.endClientPart();
        int header = encoder.headerBytes();
        Output globals = new Output(256, -1);
        long globalBits = encoder.encodeGlobals(globals, format, t.snapshot, b == null ? null : b.snapshot,
                p == null ? null : p.snapshot);
        long total = ownBits + globalBits + chunkBits.stream().mapToLong(Long::longValue).sum();
        byte[] message = new byte[header + (int) ((total + 7) / 8)];
        System.arraycopy(own.getBuffer(), 0, message, 0, header);
        long bit = BitCopy.append(own.getBuffer(), header, ownBits, message, header * 8L);
        bit = BitCopy.append(globals.getBuffer(), 0, globalBits, message, bit);
        for (int i = 0; i < chunks.size(); i++) {
            bit = BitCopy.append(chunks.get(i), 0, chunkBits.get(i), message, bit);
        }
        Output out = new Output(message.length);
        out.writeBytes(message);
        return out;
    }

    private long cellTables() {
        long n = 0;
        for (int i = 0; i < format.tableCount(); i++) {
            n += format.global(i) ? 0 : 1;
        }
        return n;
    }

    private void writeOwned(Sent t, TreeSet<Integer> next) {
        TableSnapshot o = t.snapshot.table(orbs.index());
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < o.count(); row++) {
            if (o.value(row, orbOwner.index()) == PLAYER && next.contains(t.layout.home(orbs.index(), row))) {
                rows.add(row);
            }
        }
        encoder.owned(rows.size());
        for (int row : rows) {
            encoder.ownedEntry(t.snapshot, orbs.index(), row, 1 << orbAmmo.index(), -1);
        }
    }

    /** The server's view for the client: held cells' entities, owner-only fields default but for its own. */
    private Snapshot expected(Sent t, TreeSet<Integer> held) {
        Snapshot e = new Snapshot(world.schemas());
        for (int table = 0; table < e.tableCount(); table++) {
            TableSnapshot from = t.snapshot.table(table);
            for (int row = 0; row < from.count(); row++) {
                if (format.global(table) || held.contains(t.layout.home(table, row))) {
                    CellSection.copyRow(from, row, e.table(table));
                    int last = e.table(table).count() - 1;
                    if (table == orbs.index() && from.value(row, orbOwner.index()) != PLAYER) {
                        e.table(table).setValue(last, orbAmmo.index(), 0);
                    }
                }
            }
        }
        return e;
    }

    private void checkCells(CellDecoder decoder, Sent t, TreeSet<Integer> held) {
        int i = 0;
        for (int c : held) {
            assertEquals(c, decoder.heldCell(i++));
        }
        TableSnapshot p = t.snapshot.table(pods.index());
        for (int row = 0; row < p.count(); row++) {
            int home = t.layout.home(pods.index(), row);
            assertEquals(held.contains(home) ? home : -1, decoder.cellOf(pods.index(), p.id(row)));
        }
    }

    private TreeSet<Integer> nextHeld(SplittableRandom random, TreeSet<Integer> held) {
        TreeSet<Integer> next = new TreeSet<>();
        for (int c : held) {
            if (random.nextInt(10) != 0) {
                next.add(c);
            }
        }
        int cells = index.cellCount();
        while (next.size() < 12 || random.nextInt(3) == 0) {
            next.add(random.nextInt(cells));
            if (next.size() >= 40) {
                break;
            }
        }
        return next;
    }

    private void step(SplittableRandom random) {
        walk(random, orbs, orbX, orbY);
        walk(random, pods, podX, podY);
        for (int row = 0; row < orbs.size(); row++) {
            if (random.nextInt(8) == 0) {
                orbs.setInt(row, orbValue, orbs.getInt(row, orbValue) + random.nextInt(-3, 4));
                orbs.setBool(row, orbLit, !orbs.getBool(row, orbLit));
                orbs.setInt(row, orbAmmo, random.nextInt(100));
            }
            if (random.nextInt(40) == 0) {
                orbs.setString(row, orbTag, "t" + random.nextInt(5));
            }
        }
        if (random.nextInt(3) == 0 && orbs.size() > 10) {
            orbs.remove(orbs.id(random.nextInt(orbs.size())));
        }
        if (random.nextInt(3) == 0) {
            spawn(random, random.nextBoolean() ? orbs : pods);
        }
        if (board.size() < 5 || random.nextInt(10) == 0) {
            int row = board.addRow();
            board.setString(row, boardName, "p" + board.id(row));
        }
        if (board.size() > 8) {
            board.remove(board.id(0));
        }
        for (int row = 0; row < board.size(); row++) {
            board.setInt(row, boardScore, board.getInt(row, boardScore) + random.nextInt(3));
        }
    }

    private void walk(SplittableRandom random, Table t, Field x, Field y) {
        for (int row = 0; row < t.size(); row++) {
            t.setFloat(row, x, (float) clamp(t.getFloat(row, x) + random.nextDouble(-30, 30)));
            t.setFloat(row, y, (float) clamp(t.getFloat(row, y) + random.nextDouble(-30, 30)));
        }
    }

    private void spawn(SplittableRandom random, Table t) {
        int row = t.addRow();
        boolean orb = t == orbs;
        t.setFloat(row, orb ? orbX : podX, (float) random.nextDouble(SIZE));
        t.setFloat(row, orb ? orbY : podY, (float) random.nextDouble(SIZE));
        if (orb) {
            t.setInt(row, orbValue, random.nextInt(10));
            t.setInt(row, orbOwner, random.nextInt(5));
            t.setInt(row, orbAmmo, random.nextInt(100));
            t.setString(row, orbTag, random.nextBoolean() ? "" : "x");
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(SIZE, v));
    }

    private static int[] array(List<Integer> keys) {
        return keys.stream().mapToInt(Integer::intValue).toArray();
    }
}
