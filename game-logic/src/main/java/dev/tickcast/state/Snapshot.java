package dev.tickcast.state;

import java.util.List;

/**
 * The world at one tick, as the wire sees it: for each table, the entity ids in increasing order
 * and every field's quantized value. Snapshots are preallocated and reused (a ring on the server,
 * a pair on a client), so treat one as immutable only until its owner recycles it.
 *
 * <p>The empty snapshot (no entity, {@link #NO_TICK}) is the baseline of a full snapshot.
 */
public final class Snapshot {
    /** The tick of a snapshot that holds nothing yet. */
    public static final int NO_TICK = -1;

    private final TableSnapshot[] tables;
    private int tick = NO_TICK;

    /** Creates an empty snapshot for the given table schemas. */
    public Snapshot(List<Schema> schemas) {
        tables = new TableSnapshot[schemas.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new TableSnapshot(schemas.get(i));
        }
    }

    /** The tick this snapshot was captured at, or {@link #NO_TICK}. */
    public int tick() {
        return tick;
    }

    /** Sets the tick (decoders use this when they finish building a snapshot). */
    public void tick(int value) {
        tick = value;
    }

    /** The number of tables. */
    public int tableCount() {
        return tables.length;
    }

    /** The captured rows of table {@code index}. */
    public TableSnapshot table(int index) {
        return tables[index];
    }

    /** Captures every table of {@code world} at {@code captureTick}; allocates only to grow. */
    public void capture(World world, int captureTick) {
        List<Table> source = world.tables();
        if (source.size() != tables.length) {
            throw new IllegalArgumentException("world has " + source.size() + " tables, snapshot " + tables.length);
        }
        for (int i = 0; i < tables.length; i++) {
            tables[i].capture(source.get(i));
        }
        tick = captureTick;
    }

    /** Makes this snapshot a copy of {@code other} (same schemas). */
    public void copyFrom(Snapshot other) {
        for (int i = 0; i < tables.length; i++) {
            tables[i].copyFrom(other.tables[i]);
        }
        tick = other.tick;
    }

    /** Empties every table and forgets the tick. */
    public void clear() {
        for (TableSnapshot t : tables) {
            t.clear();
        }
        tick = NO_TICK;
    }

    /** True if both hold the same entities with the same values (the tick is not compared). */
    public boolean sameContent(Snapshot other) {
        if (other.tables.length != tables.length) {
            return false;
        }
        for (int i = 0; i < tables.length; i++) {
            if (!tables[i].sameContent(other.tables[i])) {
                return false;
            }
        }
        return true;
    }

    /** A readable dump of every entity, for test failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder("tick ").append(tick).append('\n');
        for (TableSnapshot t : tables) {
            t.describe(out);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Snapshot[tick=" + tick + "]";
    }
}
