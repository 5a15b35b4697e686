package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * A seeded test world: movers random-walking in a square world, a few replaced by new entities
 * (new ids) each step, and viewers moving the same way with a circle view; the index and the
 * subscriptions are updated after every step, as the engine will.
 */
final class RandomWalkWorld {
    static final Schema MOVER = new Schema("mover");
    static final Field X = MOVER.qfloat("x", 0.01f, true);
    static final Field Y = MOVER.qfloat("y", 0.01f, true);
    static final Field HEADING = MOVER.qfloat("heading", 0.01f, false);

    final double size;
    final Table movers;
    final InterestSpec spec;
    final CellIndex index;
    final Views views;
    final ViewCells cells;
    private final SplittableRandom random;
    private final double[] vx;
    private final double[] vy;
    private final double[] vHeading;
    private final boolean[] scripted;
    private final double speed;
    private final double viewerSpeed;
    private final double radius;
    private final int replacedPerStep;

    RandomWalkWorld(long seed, double size, double cellSize, int entities, int viewers, double radius) {
        this.size = size;
        this.random = new SplittableRandom(seed);
        this.movers = new World().createTable(MOVER);
        this.spec = InterestSpec.builder().grid(cellSize, size, size).positioned(movers, X, Y).build();
        this.index = new CellIndex(spec);
        this.views = new Views(viewers);
        this.cells = new ViewCells(spec, viewers);
        this.vx = new double[viewers];
        this.vy = new double[viewers];
        this.vHeading = new double[viewers];
        this.scripted = new boolean[viewers];
        this.speed = 8;
        this.viewerSpeed = 10;
        this.radius = radius;
        this.replacedPerStep = entities / 500;
        for (int i = 0; i < entities; i++) {
            spawn();
        }
        for (int v = 0; v < viewers; v++) {
            vx[v] = random.nextDouble(size);
            vy[v] = random.nextDouble(size);
            vHeading[v] = random.nextDouble(2 * Math.PI);
            views.setCircle(v, vx[v], vy[v], radius);
        }
    }

    /** Moves everything one step, replaces a few movers, then updates the index and the subscriptions. */
    void step() {
        move();
        updateInterest();
    }

    /** What the engine will do after each step. */
    void updateInterest() {
        index.update();
        cells.update(views);
    }

    /** Moves everything one step and replaces a few movers. */
    void move() {
        for (int row = 0; row < movers.size(); row++) {
            double h = movers.getFloat(row, HEADING) + random.nextDouble(-0.3, 0.3);
            double x = movers.getFloat(row, X) + speed * Math.cos(h);
            double y = movers.getFloat(row, Y) + speed * Math.sin(h);
            if (x < 0 || x > size || y < 0 || y > size) {
                h += Math.PI;
            }
            movers.setFloat(row, X, (float) bounded(x));
            movers.setFloat(row, Y, (float) bounded(y));
            movers.setFloat(row, HEADING, (float) h);
        }
        for (int i = 0; i < replacedPerStep; i++) {
            movers.remove(movers.id(random.nextInt(movers.size())));
            spawn();
        }
        for (int v = 0; v < vx.length; v++) {
            if (!scripted[v]) {
                moveViewer(v);
            }
        }
    }

    /** From now on the test sets viewer {@code v}'s view itself before each step. */
    void script(int v) {
        scripted[v] = true;
    }

    private void moveViewer(int v) {
        vHeading[v] += random.nextDouble(-0.2, 0.2);
        double x = vx[v] + viewerSpeed * Math.cos(vHeading[v]);
        double y = vy[v] + viewerSpeed * Math.sin(vHeading[v]);
        if (x < 0 || x > size || y < 0 || y > size) {
            vHeading[v] += Math.PI;
        }
        vx[v] = bounded(x);
        vy[v] = bounded(y);
        if (views.halfW(v) == 0) {
            views.setCircle(v, vx[v], vy[v], radius);
        } else {
            views.setRect(v, vx[v], vy[v], views.halfW(v), views.halfH(v));
        }
    }

    private void spawn() {
        int row = movers.addRow();
        movers.setFloat(row, X, (float) random.nextDouble(size));
        movers.setFloat(row, Y, (float) random.nextDouble(size));
        movers.setFloat(row, HEADING, (float) random.nextDouble(2 * Math.PI));
    }

    private double bounded(double v) {
        return Math.max(0, Math.min(size, v));
    }
}
