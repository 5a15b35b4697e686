package dev.tickcast.bench.load;

import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.games.arenawide.ArenaWideSchemas;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view check's accounting on synthetic frames: R = 600, a snapshot every 3 ticks. */
class WideCheckTest {
    private static final int PERIOD = 3;
    private static final int SELF = 100;

    private final AtomicBoolean measuring = new AtomicBoolean(true);
    private final WideCheck check = new WideCheck(600, PERIOD, 4, measuring::get);

    /** A frame at {@code tick} of entities {id, x, y}, given in any order. */
    private static WideFrame frame(int tick, float[]... entities) {
        java.util.Arrays.sort(entities, (a, b) -> Float.compare(a[0], b[0]));
        int[] ids = new int[entities.length];
        float[] x = new float[entities.length];
        float[] y = new float[entities.length];
        for (int i = 0; i < entities.length; i++) {
            ids[i] = (int) entities[i][0];
            x[i] = entities[i][1];
            y[i] = entities[i][2];
        }
        return new WideFrame(tick, ids, x, y);
    }

    private static float[] e(int id, double x, double y) {
        return new float[] {id, (float) x, (float) y};
    }

    /** What a bot holds, increasing. */
    private static int[] ids(int... ids) {
        int[] sorted = ids.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    @Test
    void anEntityWithinRForAPeriodThatIsNotHeldIsMissed() {
        check.world(frame(3, e(SELF, 1000, 1000), e(7, 1300, 1000), e(8, 5000, 5000)));
        check.world(frame(6, e(SELF, 1000, 1000), e(7, 1310, 1000), e(8, 5000, 5000)));
        check.held(0, SELF, 6, ids(SELF));
        assertEquals(1, check.missed());
        check.held(1, SELF, 6, ids(7, SELF));
        assertEquals(1, check.missed(), "held: not missed");
        assertEquals(2, check.missChecked());
    }

    @Test
    void anEntityThatJustCameWithinRMayStillBeAbsent() {
        check.world(frame(3, e(SELF, 1000, 1000), e(7, 1700, 1000)));
        check.world(frame(6, e(SELF, 1000, 1000), e(7, 1500, 1000)));
        check.held(0, SELF, 6, ids(SELF));
        assertEquals(0, check.missed());
        check.world(frame(9, e(SELF, 1000, 1000), e(7, 1450, 1000)));
        check.held(0, SELF, 9, ids(SELF));
        assertEquals(1, check.missed(), "one period later it must be held");
    }

    @Test
    void theDistanceIsToThePlayerAtEachTickAndTheEdgeIsTolerated() {
        // the player moves towards 7: outside R at 3 from where it was, inside at 6 from where it is
        check.world(frame(3, e(SELF, 0, 0), e(7, 800, 0), e(9, 599.5, 0)));
        check.world(frame(6, e(SELF, 300, 0), e(7, 800, 0), e(9, 899.5, 0)));
        check.held(0, SELF, 6, ids(SELF));
        assertEquals(0, check.missed(), "7 was outside R at 3; 9 sits within the tolerance of the edge");
        assertEquals(1, check.missChecked());
    }

    @Test
    void overSendIsHeldOverWithinRMeanOverFrames() {
        check.world(frame(3, e(SELF, 1000, 1000), e(7, 1100, 1000), e(8, 4000, 4000), e(9, 4100, 4000)));
        check.held(0, SELF, 3, ids(7, 8, 9, SELF)); // 4 held, 2 within R (7 and its own player)
        check.held(1, SELF, 3, ids(7, SELF));       // 2 held, 2 within R
        assertEquals((2.0 + 1.0) / 2, check.overSend(), 1e-9);
        assertEquals(2, check.compared());
        assertEquals(0, check.missChecked(), "no spectator frame one period earlier");
    }

    @Test
    void aBotFrameWaitsForTheSpectatorsAndASkippedTickIsUnchecked() {
        check.world(frame(3, e(SELF, 0, 0), e(7, 10, 0)));
        check.held(0, SELF, 6, ids(SELF));
        check.held(0, SELF, 9, ids(SELF, 7));
        assertEquals(0, check.compared(), "waiting for the spectator");
        check.world(frame(9, e(SELF, 0, 0), e(7, 10, 0))); // the spectator skipped 6
        assertEquals(1, check.unchecked());
        assertEquals(1, check.compared());
        assertEquals(0, check.missChecked(), "9 - 3 is two periods: no miss check");
    }

    @Test
    void waitingFramesAreBounded() {
        for (int t = 3; t <= 3 * 10; t += PERIOD) {
            check.held(0, SELF, t, ids(SELF));
        }
        assertEquals(6, check.unchecked(), "10 frames wait, the window keeps 4");
    }

    @Test
    void nothingCountsOutsideTheWindow() {
        measuring.set(false);
        check.world(frame(3, e(SELF, 0, 0), e(7, 10, 0)));
        check.world(frame(6, e(SELF, 0, 0), e(7, 10, 0)));
        check.held(0, SELF, 6, ids(SELF));
        assertEquals(0, check.missed());
        assertEquals(0, check.compared());
        assertTrue(Double.isNaN(check.overSend()));
    }

    @Test
    void aFrameOfAStateHasThePositionedEntitiesSortedByIdInWorldUnits() {
        Snapshot state = new Snapshot(List.of(ArenaSchemas.ORB, ArenaSchemas.NPC, ArenaSchemas.PLAYER,
                ArenaWideSchemas.LEADER));
        state.tick(42);
        row(state.table(0), 5, ArenaSchemas.ORB_X.index(), 12345, ArenaSchemas.ORB_Y.index(), 10);
        row(state.table(0), 30, ArenaSchemas.ORB_X.index(), 1, ArenaSchemas.ORB_Y.index(), 2);
        row(state.table(1), 12, ArenaSchemas.NPC_X.index(), 79999, ArenaSchemas.NPC_Y.index(), 0);
        row(state.table(2), 20, ArenaSchemas.PLAYER_X.index(), 500, ArenaSchemas.PLAYER_Y.index(), 600);
        row(state.table(3), 1, ArenaWideSchemas.LEADER_RANK.index(), 1, ArenaWideSchemas.LEADER_PLAYER.index(), 20);
        WideFrame f = WideFrame.of(state);
        assertEquals(42, f.tick());
        assertArrayEquals(new int[] {5, 12, 20, 30}, f.ids(), "the leader table has no x and y");
        assertArrayEquals(new float[] {1234.5f, 7999.9f, 50f, 0.1f}, f.x(), 1e-3f);
        assertArrayEquals(new float[] {1f, 0f, 60f, 0.2f}, f.y(), 1e-3f);
        assertArrayEquals(new int[] {5, 12, 20, 30}, WideFrame.idsOf(state));
    }

    private static void row(TableSnapshot table, int id, int f1, int v1, int f2, int v2) {
        int row = table.appendRow(id);
        table.setValue(row, f1, v1);
        table.setValue(row, f2, v2);
    }
}
