package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * As {@link InterestAllocationTest}, with interest keys: entities change key, viewers add and remove
 * keys (and lose or regain their shape) every step; in the steady state the index and subscription
 * updates, and the key changes themselves, allocate nothing.
 */
class KeysAllocationTest {
    private static final Schema TEAM = new Schema("team");
    private static final Field KEY = TEAM.intField("key", false);
    private static final Schema DOT = new Schema("dot");
    private static final Field X = DOT.qfloat("x", 0.01f, true);
    private static final Field Y = DOT.qfloat("y", 0.01f, true);
    private static final int KEYS = 8;
    private static final int VIEWERS = 50;

    @Test
    void steadyStateKeyUpdatesAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        World world = new World();
        Table dots = world.createTable(DOT);
        Table teams = world.createTable(TEAM);
        InterestSpec spec = InterestSpec.builder().grid(100, 2000, 2000).positioned(dots, X, Y)
                .keys(KEYS).keyed(teams, KEY).build();
        CellIndex index = new CellIndex(spec);
        Views views = new Views(VIEWERS, KEYS);
        ViewCells cells = new ViewCells(spec, VIEWERS);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            int row = dots.addRow();
            dots.setFloat(row, X, (float) rng.nextDouble(2000));
            dots.setFloat(row, Y, (float) rng.nextDouble(2000));
            teams.setInt(teams.addRow(), KEY, rng.nextInt(KEYS + 2));
        }
        for (int i = 0; i < 300; i++) {
            change(teams, views, rng);
            index.update();
            cells.update(views);
        }
        long allocated = 0;
        for (int i = 0; i < 200; i++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            change(teams, views, rng);
            index.update();
            cells.update(views);
            allocated += mx.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated by 200 steady-state updates with keys");
    }

    private static void change(Table teams, Views views, SplittableRandom rng) {
        for (int i = 0; i < 20; i++) {
            teams.setInt(rng.nextInt(teams.size()), KEY, rng.nextInt(KEYS + 2));
        }
        for (int v = 0; v < VIEWERS; v++) {
            int k = rng.nextInt(KEYS);
            if (rng.nextBoolean()) {
                views.addKey(v, k);
            } else {
                views.removeKey(v, k);
            }
            if (rng.nextInt(10) == 0) {
                views.clearShape(v);
            } else {
                views.setCircle(v, 500 + v * 20, 1000, 150);
            }
        }
    }
}
