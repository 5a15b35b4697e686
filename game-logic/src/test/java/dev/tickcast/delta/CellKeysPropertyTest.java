package dev.tickcast.delta;

import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.InterestSpec;
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
 * Interest keys end to end, as the server runs them: {@link CellKeysWorld}'s team-state table is
 * keyed by team, its viewers are on two teams (switching now and then, holding a third key for a
 * while, some with keys but no shape), and {@link CellBroadcast} sends to viewers that skip
 * snapshots, lose their baseline or reconnect, each decoding with its own {@link CellDecoder}. After
 * every message a viewer shows exactly the global clock, the units homed in its watched grid cells
 * and the team states of the keys it holds (never another team's), owner-only fields only for the
 * team states it captains; its watched key cells are exactly its keys'.
 */
class CellKeysPropertyTest {
    private static final int RING = CellBroadcast.LAYOUTS;

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void everyViewerHoldsExactlyItsCellsAndItsKeys(long seed) {
        int viewers = 8;
        CellKeysWorld w = new CellKeysWorld(seed, viewers);
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
        for (int b = 0; b < 300; b++) {
            w.step();
            int tick = 2 * (b + 1);
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
                int body = w.units.size() > v ? w.units.id(v) : -1;
                int n = cells.message(v, body, now, base, pred);
                if (buf.length < n) {
                    buf = new byte[n];
                }
                cells.copyMessage(buf, 0);
                decoders[v].body(body);
                int result = decoders[v].apply(buf, 0, n);
                assertEquals(DeltaDecoder.OK, result, "seed " + seed + " viewer " + v + " broadcast " + b + ": " + decoders[v].reason());
                Snapshot used = cells.usedBase();
                prev[v] = used == null ? Snapshot.NO_TICK : used.tick();
                last[v] = tick;
                String where = "seed " + seed + " viewer " + v + " broadcast " + b;
                checkKeyCells(where, v, w, cells.viewCells());
                check(where, v, w, cells, now, decoders[v].shown());
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

    /** The watched cells past the grid are exactly the key cells of the viewer's keys, in order. */
    private static void checkKeyCells(String where, int v, CellKeysWorld w, ViewCells vc) {
        InterestSpec spec = w.interest.spec();
        Views views = w.interest.views();
        int first = vc.watchedCount(v) - views.keyCount(v);
        assertTrue(first >= 0, where);
        for (int i = 0; i < vc.watchedCount(v); i++) {
            int cell = vc.watched(v, i);
            if (i < first) {
                assertTrue(cell < spec.grid().cellCount(), where + ": a grid cell before the key cells");
            } else {
                assertEquals(spec.keyCell(views.key(v, i - first)), cell, where);
            }
        }
    }

    private static void check(String where, int v, CellKeysWorld w, CellBroadcast cells, Snapshot now, Snapshot shown) {
        assertEquals(now.tick(), shown.tick());
        ViewCells vc = cells.viewCells();
        CellLayout layout = cells.layout();
        CellFormat format = cells.format();
        Views views = w.interest.views();
        for (int t = 0; t < now.tableCount(); t++) {
            TableSnapshot server = now.table(t);
            TableSnapshot client = shown.table(t);
            boolean keyed = t == w.teams.index();
            int k = 0;
            for (int row = 0; row < server.count(); row++) {
                boolean held = format.global(t) || vc.watches(v, layout.home(t, row));
                if (keyed) {
                    int team = (int) server.value(row, CellKeysWorld.KEY.index());
                    boolean ours = team >= 0 && team < CellKeysWorld.TEAMS && views.hasKey(v, team);
                    assertEquals(ours, held, where + ": team state #" + server.id(row) + " of team " + team);
                }
                if (!held) {
                    continue;
                }
                if (k >= client.count() || client.id(k) != server.id(row)) {
                    fail(where + " table " + t + ": expected id " + server.id(row) + " at " + k + "\n" + shown.describe());
                }
                boolean owns = keyed && server.value(row, CellKeysWorld.CAPTAIN.index()) == v;
                sameValues(server, row, client, k, owns ? 0 : format.hidden(t));
                k++;
            }
            assertEquals(k, client.count(), where + " table " + t + " holds extra entities");
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
