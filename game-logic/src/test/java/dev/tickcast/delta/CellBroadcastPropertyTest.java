package dev.tickcast.delta;

import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.ViewCells;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cell pipeline end to end, as the server runs it: a randomized world with interest is
 * broadcast by {@link CellBroadcast} to viewers that skip snapshots (a full write queue), lose their
 * baseline (a keyframe), or are replaced by a new connection; each viewer decodes with its own
 * {@link CellDecoder}. After every message, what the viewer shows must be exactly the global tables
 * plus every entity homed in the cells it watches, with owner-only fields at their defaults but for
 * the entities it owns; and every entity whose centre is in its view must be held (the superset).
 */
class CellBroadcastPropertyTest {
    private static final int RING = CellBroadcast.LAYOUTS;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void everyViewerHoldsExactlyItsCellsAndASupersetOfItsView(long seed) {
        int viewers = 12;
        CellWorld w = new CellWorld(seed, viewers, seed % 2 == 0 ? 100 : 160);
        CellBroadcast cells = new CellBroadcast(w.interest, w.world, viewers);
        Snapshot[] ring = new Snapshot[RING];
        for (int i = 0; i < RING; i++) {
            ring[i] = new Snapshot(w.world.schemas());
        }
        CellDecoder[] decoders = new CellDecoder[viewers];
        int[] last = new int[viewers];
        int[] prev = new int[viewers];
        for (int v = 0; v < viewers; v++) {
            decoders[v] = new CellDecoder(w.world.schemas());
            last[v] = Snapshot.NO_TICK;
            prev[v] = Snapshot.NO_TICK;
        }
        SplittableRandom rng = new SplittableRandom(seed * 31);
        Snapshot before = null;
        byte[] buf = new byte[1 << 16];
        for (int b = 0; b < 400; b++) {
            w.step();
            int tick = 3 * (b + 1);
            Snapshot now = ring[b % RING];
            now.capture(w.world, tick);
            cells.begin(now, before);
            before = now;
            for (int v = 0; v < viewers; v++) {
                int r = rng.nextInt(100);
                if (r < 8) {
                    continue; // skipped: the queue is full
                }
                if (r == 8) { // a new connection takes the seat
                    decoders[v] = new CellDecoder(w.world.schemas());
                    last[v] = Snapshot.NO_TICK;
                    prev[v] = Snapshot.NO_TICK;
                }
                Snapshot base = find(ring, last[v]);
                Snapshot pred = base != null && tick - base.tick() == base.tick() - prev[v] ? find(ring, prev[v]) : null;
                int body = w.movers.size() > v ? w.movers.id(v) : -1; // any entity: owned ids are coded against it
                int n = cells.message(v, body, now, base, pred);
                if (buf.length < n) {
                    buf = new byte[n];
                }
                cells.copyMessage(buf, 0);
                CellDecoder decoder = decoders[v];
                decoder.body(body);
                int result = decoder.apply(buf, 0, n);
                assertEquals(DeltaDecoder.OK, result, "seed " + seed + " viewer " + v + " broadcast " + b + ": " + decoder.reason());
                Snapshot used = cells.usedBase();
                prev[v] = used == null ? Snapshot.NO_TICK : used.tick();
                last[v] = tick;
                check(seed, v, w, cells, now, decoders[v].shown());
            }
        }
    }

    private static Snapshot find(Snapshot[] ring, int tick) {
        for (Snapshot s : ring) {
            if (tick != Snapshot.NO_TICK && s.tick() == tick) {
                return s;
            }
        }
        return null;
    }

    private static void check(long seed, int v, CellWorld w, CellBroadcast cells, Snapshot now, Snapshot shown) {
        assertEquals(now.tick(), shown.tick());
        ViewCells vc = cells.viewCells();
        CellLayout layout = cells.layout();
        CellFormat format = cells.format();
        for (int t = 0; t < now.tableCount(); t++) {
            TableSnapshot server = now.table(t);
            TableSnapshot client = shown.table(t);
            int k = 0;
            for (int row = 0; row < server.count(); row++) {
                boolean held = format.global(t) || vc.watches(v, layout.home(t, row));
                if (!held) {
                    continue;
                }
                if (k >= client.count() || client.id(k) != server.id(row)) {
                    fail("seed " + seed + " viewer " + v + " table " + t + ": expected id " + server.id(row) + " at " + k
                            + "\n" + shown.describe());
                }
                boolean owns = t == w.movers.index() && server.value(row, CellWorld.OWNER.index()) == v;
                sameValues(server, row, client, k, owns ? 0 : format.hidden(t));
                k++;
            }
            assertEquals(k, client.count(), "seed " + seed + " viewer " + v + " table " + t + " holds extra entities");
        }
        Views views = w.interest.views();
        if (views.isSet(v)) {
            for (int row = 0; row < w.movers.size(); row++) {
                if (views.contains(v, w.movers.getFloat(row, CellWorld.MX), w.movers.getFloat(row, CellWorld.MY))) {
                    assertTrue(shown.table(w.movers.index()).rowOf(w.movers.id(row)) >= 0, "in view but not held");
                }
            }
        }
    }

    private static void sameValues(TableSnapshot server, int row, TableSnapshot client, int k, int hidden) {
        Schema schema = server.schema();
        for (int f = 0; f < schema.fieldCount(); f++) {
            boolean isHidden = (hidden & (1 << f)) != 0;
            if (schema.field(f).type() == FieldType.STRING) {
                assertEquals(isHidden ? "" : server.string(row, f), client.string(k, f), schema.field(f).name());
            } else {
                assertEquals(isHidden ? 0 : server.value(row, f), client.value(k, f),
                        schema.name() + "." + schema.field(f).name() + " of #" + server.id(row));
            }
        }
    }
}
