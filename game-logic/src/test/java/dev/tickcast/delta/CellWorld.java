package dev.tickcast.delta;

import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * A small randomized world with interest, for the cell pipeline's tests: movers on a random walk
 * (with jumps across the map, so entities change cell), static pickups eaten and respawned, a
 * global score table, an owner field and owner-only fields (an int and a bool), strings that
 * change, and viewers that move, sometimes lose their view, and see a circle or a rectangle.
 */
final class CellWorld {
    static final Schema MOVER = new Schema("mover");
    static final Field MX = MOVER.qfloat("x", 0.1f, true);
    static final Field MY = MOVER.qfloat("y", 0.1f, true);
    static final Field OWNER = MOVER.intField("owner", false);
    static final Field AMMO = MOVER.intField("ammo", false);
    static final Field ARMED = MOVER.boolField("armed");
    static final Field TAG = MOVER.stringField("tag");
    static final Schema PICKUP = new Schema("pickup");
    static final Field PX = PICKUP.qfloat("x", 1f, false);
    static final Field PY = PICKUP.qfloat("y", 1f, false);
    static final Field VALUE = PICKUP.intField("value", false);
    static final Schema SCORE = new Schema("score");
    static final Field POINTS = SCORE.intField("points", true);

    static {
        MOVER.freeze();
        PICKUP.freeze();
        SCORE.freeze();
    }

    static final double SIZE = 1000;

    final World world = new World();
    final Table movers = world.createTable(MOVER);
    final Table pickups = world.createTable(PICKUP);
    final Table scores = world.createTable(SCORE);
    final Interest interest;
    final int viewers;
    private final SplittableRandom rng;
    private final double[] vx;
    private final double[] vy;

    CellWorld(long seed, int viewers, double cellSize) {
        this.rng = new SplittableRandom(seed);
        this.viewers = viewers;
        world.freeze();
        InterestSpec spec = InterestSpec.builder().grid(cellSize, SIZE, SIZE)
                .positioned(movers, MX, MY).positioned(pickups, PX, PY).global(scores)
                .ownerOnly(movers, OWNER, AMMO, ARMED).build();
        interest = new Interest(spec, new Views(viewers));
        vx = new double[4096];
        vy = new double[4096];
        for (int i = 0; i < 40; i++) {
            addMover();
        }
        for (int i = 0; i < 60; i++) {
            addPickup();
        }
        for (int i = 0; i < 3; i++) {
            scores.addRow();
        }
    }

    private void addMover() {
        int row = movers.addRow();
        movers.setFloat(row, MX, (float) (rng.nextDouble() * SIZE));
        movers.setFloat(row, MY, (float) (rng.nextDouble() * SIZE));
        movers.setInt(row, OWNER, rng.nextInt(viewers + 2) - 1);
        movers.setInt(row, AMMO, rng.nextInt(100));
        movers.setString(row, TAG, rng.nextInt(4) == 0 ? "" : "m" + rng.nextInt(9));
        int id = movers.id(row) % vx.length;
        vx[id] = rng.nextDouble() * 20 - 10;
        vy[id] = rng.nextDouble() * 20 - 10;
    }

    private void addPickup() {
        int row = pickups.addRow();
        pickups.setFloat(row, PX, (float) (rng.nextDouble() * SIZE));
        pickups.setFloat(row, PY, (float) (rng.nextDouble() * SIZE));
        pickups.setInt(row, VALUE, 1 + rng.nextInt(5));
    }

    /** One step: moves, jumps, eats, spawns, changes owner-only values and strings; moves the views. */
    void step() {
        for (int row = 0; row < movers.size(); row++) {
            int id = movers.id(row) % vx.length;
            if (rng.nextInt(50) == 0) {
                vx[id] = rng.nextDouble() * 20 - 10;
                vy[id] = rng.nextDouble() * 20 - 10;
            }
            float x = movers.getFloat(row, MX) + (float) vx[id];
            float y = movers.getFloat(row, MY) + (float) vy[id];
            if (rng.nextInt(200) == 0) {
                x = (float) (rng.nextDouble() * SIZE);
            }
            movers.setFloat(row, MX, Math.max(0, Math.min((float) SIZE, x)));
            movers.setFloat(row, MY, Math.max(0, Math.min((float) SIZE, y)));
            if (rng.nextInt(10) == 0) {
                movers.setInt(row, AMMO, rng.nextInt(100));
                movers.setBool(row, ARMED, rng.nextBoolean());
            }
            if (rng.nextInt(100) == 0) {
                movers.setString(row, TAG, rng.nextBoolean() ? "" : "é" + rng.nextInt(99));
            }
        }
        churn();
        for (int row = 0; row < scores.size(); row++) {
            scores.setInt(row, POINTS, scores.getInt(row, POINTS) + (rng.nextInt(4) == 0 ? 2 : 1));
        }
        moveViews();
    }

    private void churn() {
        if (rng.nextInt(4) == 0 && pickups.size() > 0) {
            pickups.remove(pickups.id(rng.nextInt(pickups.size())));
            addPickup();
        }
        if (rng.nextInt(20) == 0 && movers.size() > 5) {
            movers.remove(movers.id(rng.nextInt(movers.size())));
        }
        if (rng.nextInt(20) == 0) {
            addMover();
        }
    }

    private void moveViews() {
        Views views = interest.views();
        for (int v = 0; v < viewers; v++) {
            int r = rng.nextInt(100);
            if (r == 0) {
                views.clear(v);
            } else if (r < 5 || !views.isSet(v)) {
                double cx = rng.nextDouble() * SIZE;
                double cy = rng.nextDouble() * SIZE;
                if (v % 3 == 2) {
                    views.setRect(v, cx, cy, 150, 100);
                } else {
                    views.setCircle(v, cx, cy, 120 + rng.nextInt(100));
                }
            } else if (v % 3 == 2) {
                views.setRect(v, views.x(v) + rng.nextInt(21) - 10, views.y(v) + rng.nextInt(21) - 10, 150, 100);
            } else {
                views.setCircle(v, views.x(v) + rng.nextInt(21) - 10, views.y(v) + rng.nextInt(21) - 10, views.radius(v));
            }
        }
    }
}
