package dev.tickcast.game.interest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The property of issue 20: at every step and for every viewer, the entities homed in its watched
 * cells are a superset of the entities whose centres are in its view. Also measures over-send
 * (held / exact) and churn (cells entered + left per viewer per step), printed for the record.
 */
class InterestPropertyTest {
    private static final double WORLD = 8000;
    private static final double R = 600;
    private static final int ENTITIES = 2000;
    private static final int VIEWERS = 50;
    private static final int STEPS = 300;
    /** Viewers 0..39 random-walk with circles, 40..44 with rectangles, 45..49 oscillate in place. */
    private static final int FIRST_RECT = 40;
    private static final int FIRST_OSCILLATING = 45;

    @ParameterizedTest(name = "S = {0}, seed {1}")
    @CsvSource({"200, 1", "200, 2", "300, 3", "300, 4", "400, 5", "400, 6", "600, 7", "600, 8"})
    void heldIsASupersetOfTheViewAtEveryStep(double cellSize, long seed) {
        RandomWalkWorld w = new RandomWalkWorld(seed, WORLD, cellSize, ENTITIES, VIEWERS, R);
        for (int v = FIRST_RECT; v < FIRST_OSCILLATING; v++) {
            w.views.setRect(v, w.views.x(v), w.views.y(v), 800, 450);
        }
        double amplitude = 0.45 * w.spec.unsubscribeMargin();
        double[] ox = new double[VIEWERS];
        for (int v = FIRST_OSCILLATING; v < VIEWERS; v++) {
            w.script(v);
            // the view's left edge sits h from a cell boundary: the subscribe threshold of the cell to its left
            ox[v] = cellSize * (2 + 2 * (v - FIRST_OSCILLATING)) + R + w.spec.homeMargin();
        }
        long held = 0;
        long exact = 0;
        long churn = 0;
        long oscillatingChurn = 0;
        for (int step = 0; step < STEPS; step++) {
            for (int v = FIRST_OSCILLATING; v < VIEWERS; v++) {
                double x = ox[v] + (step % 2 == 0 ? -amplitude : amplitude);
                w.views.setCircle(v, x, cellSize * (3 + 2 * (v - FIRST_OSCILLATING)) + cellSize / 2, R);
            }
            w.step();
            for (int v = 0; v < VIEWERS; v++) {
                int inView = checkSuperset(w, v, step);
                int changes = w.cells.enteredCount(v) + w.cells.leftCount(v);
                if (v < FIRST_RECT) {
                    exact += inView;
                    held += held(w, v);
                    churn += step > 0 ? changes : 0;
                } else if (v >= FIRST_OSCILLATING && step > 1) {
                    oscillatingChurn += changes;
                }
            }
        }
        double overSend = (double) held / exact;
        double churnRate = (double) churn / (FIRST_RECT * (STEPS - 1));
        System.out.printf("interest S=%.0f R=%.0f seed=%d h=u=S/8: over-send %.3f (held %d / exact %d),"
                + " churn %.3f cells/viewer/step at 10 u/step%n", cellSize, R, seed, overSend, held, exact, churnRate);
        assertTrue(overSend >= 1 && overSend < 4, "over-send " + overSend);
        assertTrue(churnRate < 2, "churn " + churnRate);
        assertEquals(0, oscillatingChurn, "a viewer oscillating by less than the unsubscribe margin enters and leaves nothing");
    }

    /** Fails unless every entity in viewer v's view is homed in a watched cell; returns how many are in view. */
    private static int checkSuperset(RandomWalkWorld w, int v, int step) {
        int inView = 0;
        for (int row = 0; row < w.movers.size(); row++) {
            double x = w.movers.getFloat(row, RandomWalkWorld.X);
            double y = w.movers.getFloat(row, RandomWalkWorld.Y);
            if (w.views.contains(v, x, y)) {
                inView++;
                if (!w.cells.watches(v, w.index.homeCell(0, row))) {
                    fail("step " + step + ": viewer " + v + " misses entity " + w.movers.id(row) + " at (" + x + ", " + y
                            + ") homed in cell " + w.index.homeCell(0, row));
                }
            }
        }
        return inView;
    }

    private static int held(RandomWalkWorld w, int v) {
        int n = 0;
        for (int i = 0; i < w.cells.watchedCount(v); i++) {
            n += w.index.count(0, w.cells.watched(v, i));
        }
        return n;
    }
}
