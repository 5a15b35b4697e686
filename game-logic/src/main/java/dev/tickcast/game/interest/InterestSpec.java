package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.List;

/**
 * What a game declares about interest, once, in {@code onCreate}: the {@link Grid}, which tables are
 * {@link PositionedTable positioned} (sent by cell), which are {@link KeyedTable keyed} (sent by
 * interest key: a team's state), which are global (sent to everyone: a
 * scoreboard, the match clock), which fields only an entity's owner receives, and the two
 * hysteresis margins. Built with {@link #builder()}; immutable. Every mistake is an
 * IllegalArgumentException that names it.
 *
 * <pre>{@code
 * InterestSpec spec = InterestSpec.builder()
 *     .grid(300, 8000, 8000)
 *     .positioned(players, PLAYER_X, PLAYER_Y)
 *     .positioned(orbs, ORB_X, ORB_Y)
 *     .keys(2)
 *     .keyed(teamState, TEAM)
 *     .global(scores)
 *     .ownerOnly(players, PLAYER_OWNER, PLAYER_AMMO)
 *     .build();
 * }</pre>
 *
 * <p>Margins (both default to S / 8): an entity keeps its home cell until its centre is more than
 * the <em>home margin</em> h outside it; a viewer subscribes to a cell when the cell comes within h of
 * its view, and unsubscribes only when the cell is more than h plus the <em>unsubscribe margin</em>
 * away.
 *
 * <p>Interest keys: with {@code keys(n)}, cell keys {@code grid.cellCount() .. grid.cellCount() + n - 1}
 * are <em>key cells</em> ({@link #keyCell}), after the grid's. An entity of a keyed table is homed in
 * the key cell of its key field's value (none if the value is outside {@code 0..n-1}: nobody
 * receives it); a viewer watches key cell k exactly while it holds key k ({@link Views#addKey}).
 * There is no geometry and no hysteresis for keys. A table is positioned, keyed or global, never two.
 */
public final class InterestSpec {
    /** The largest number of interest keys. */
    public static final int MAX_KEYS = 4096;

    private final Grid grid;
    private final double homeMargin;
    private final double unsubscribeMargin;
    private final int keys;
    private final List<PositionedTable> positioned;
    private final List<KeyedTable> keyed;
    private final List<Table> globals;
    private final List<OwnerOnlyFields> ownerOnly;

    InterestSpec(InterestSpecBuilder b) {
        this.grid = b.grid;
        this.homeMargin = b.homeMargin;
        this.unsubscribeMargin = b.unsubscribeMargin;
        this.keys = b.keys;
        this.positioned = List.copyOf(b.positioned);
        this.keyed = List.copyOf(b.keyed);
        this.globals = List.copyOf(b.globals);
        this.ownerOnly = List.copyOf(b.ownerOnly);
    }

    /** Starts a declaration. */
    public static InterestSpecBuilder builder() {
        return new InterestSpecBuilder();
    }

    /** The grid of cells. */
    public Grid grid() {
        return grid;
    }

    /** The home margin h, in world units (see the class comment). */
    public double homeMargin() {
        return homeMargin;
    }

    /** The unsubscribe margin, in world units, beyond h (see the class comment). */
    public double unsubscribeMargin() {
        return unsubscribeMargin;
    }

    /** The positioned tables, in declaration order (the index of one is its slot in {@link CellIndex}). */
    public List<PositionedTable> positioned() {
        return positioned;
    }

    /** The keyed tables, in declaration order (keyed table j is slot {@code positioned().size() + j} of {@link CellIndex}). */
    public List<KeyedTable> keyed() {
        return keyed;
    }

    /** The number of interest keys (0: none). */
    public int keys() {
        return keys;
    }

    /** The number of cell keys: the grid's cells, then one key cell per interest key. */
    public int cellCount() {
        return grid.cellCount() + keys;
    }

    /** The cell key of interest key {@code k} (in {@code 0..keys()-1}): {@code grid().cellCount() + k}. */
    public int keyCell(int k) {
        return grid.cellCount() + k;
    }

    /** The slot of a keyed table in {@link #keyed()}, or -1 if {@code table} is not keyed. */
    public int keyedSlot(Table table) {
        for (int i = 0; i < keyed.size(); i++) {
            if (keyed.get(i).table() == table) {
                return i;
            }
        }
        return -1;
    }

    /** The tables sent to every viewer whatever its view. */
    public List<Table> globals() {
        return globals;
    }

    /** The owner-only fields, one entry per table that has some. */
    public List<OwnerOnlyFields> ownerOnly() {
        return ownerOnly;
    }

    /** The slot of a positioned table, or -1 if {@code table} is not positioned. */
    public int positionedSlot(Table table) {
        for (int i = 0; i < positioned.size(); i++) {
            if (positioned.get(i).table() == table) {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code field} is declared owner-only. */
    public boolean isOwnerOnly(Field field) {
        for (OwnerOnlyFields o : ownerOnly) {
            if (o.fields().contains(field)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that the spec describes {@code world}: every declared table is one of the world's, and
     * every table of the world is positioned, keyed or global. Throws IllegalArgumentException naming
     * the first table that is not.
     */
    public void checkCovers(World world) {
        for (PositionedTable p : positioned) {
            belongs(world, p.table());
        }
        for (KeyedTable k : keyed) {
            belongs(world, k.table());
        }
        for (Table t : globals) {
            belongs(world, t);
        }
        for (Table t : world.tables()) {
            if (positionedSlot(t) < 0 && keyedSlot(t) < 0 && !globals.contains(t)) {
                throw new IllegalArgumentException("table " + t.schema().name()
                        + " is neither positioned, keyed nor global in the interest spec");
            }
        }
    }

    private static void belongs(World world, Table table) {
        if (table.index() >= world.tables().size() || world.table(table.index()) != table) {
            throw new IllegalArgumentException("table " + table.schema().name() + " is not a table of this world");
        }
    }

    @Override
    public String toString() {
        return "InterestSpec[" + grid + ", h " + homeMargin + ", unsubscribe " + unsubscribeMargin
                + ", " + positioned.size() + " positioned, " + keyed.size() + " keyed on " + keys + " keys, "
                + globals.size() + " global]";
    }
}
