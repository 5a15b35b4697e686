package dev.tickcast.golden;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.Map;

/**
 * The "empty" golden case: tables with no entity (the smallest full snapshot and the smallest
 * delta), then some, then none again, and a table whose schema has no field at all.
 */
final class EmptyCase {
    static final Schema THING = new Schema("thing");
    static final Field X = THING.qfloat("x", 0.1f, true);
    static final Field HP = THING.intField("hp", false);
    static final Field TAG = THING.stringField("tag");
    static final Schema MARKER = new Schema("marker");

    static {
        THING.freeze();
        MARKER.freeze();
    }

    private EmptyCase() {
    }

    static String write(Map<String, byte[]> files) {
        World world = new World();
        Table things = world.createTable(THING);
        Table markers = world.createTable(MARKER);
        world.freeze();
        GoldenVectors.CaseWriter c = new GoldenVectors.CaseWriter("empty", world.schemas(), files, false);
        for (int k = 0; k < 7; k++) {
            switch (k) {
                case 2 -> {
                    things.addRow();
                    things.setFloat(0, X, 12.3f);
                    things.setInt(0, HP, 100);
                    things.setString(0, TAG, "a");
                    things.addRow();
                    markers.addRow();
                }
                case 3 -> {
                    things.setFloat(0, X, 13.3f);
                    things.setInt(0, HP, 90);
                }
                case 4 -> {
                    things.clear();
                    markers.addRow();
                }
                case 5 -> {
                    things.addRow();
                    things.setFloat(0, X, -5f);
                }
                case 6 -> markers.remove(markers.id(0));
                default -> {
                }
            }
            Snapshot s = new Snapshot(world.schemas());
            s.capture(world, 3 * (k + 1));
            c.offer(s, false);
        }
        return c.manifestEntry();
    }
}
