package dev.tickcast.game.interest;

import dev.tickcast.state.Table;

import java.util.List;

/**
 * The home cell of every entity of the cell tables (positioned and keyed), and per cell the rows
 * homed there. The engine calls {@link #update()} once per broadcast, after the game's step; between two updates the
 * answers describe the tables as they were at the last update (rows added or removed since are not
 * seen, and row numbers are those of that moment).
 *
 * <p>Hysteresis: an entity keeps its home cell until its centre (clamped to the world) is more
 * than the home margin h (Euclidean distance) outside that cell's square; then it moves to the cell
 * that contains it. A new entity is homed in the cell that contains it. So an entity's centre is
 * always within h of its home cell, which is what lets {@link ViewCells} promise a superset.
 *
 * <p>Keyed tables ({@link InterestSpec#keyed()}): an entity is homed in the key cell
 * ({@link InterestSpec#keyCell}) of its key field's value at the last update, with no hysteresis; a
 * value outside {@code 0..keys-1} gives it no home cell ({@link #homeCell} -1): it is in no cell, so
 * nobody receives it. Cell keys run over the grid's cells then the key cells ({@link #cellCount()}).
 *
 * <p>Table slots: the positioned tables in declaration order, then the keyed tables (slot
 * {@code positioned().size() + j} for keyed table j). Every table answers for every cell key (a
 * positioned table has no rows in key cells, a keyed one none in grid cells). Iterate a cell's rows
 * of table {@code t} as {@code for (int k = start(t, c); k < end(t, c); k++) { int row = rowAt(t, k); }}: rows come in
 * increasing row order, hence increasing entity id, as the delta codec wants.
 *
 * <p>Allocation: arrays are sized up front per cell and grown (doubling) when a table outgrows
 * them; in the steady state an update allocates nothing and costs O(entities + cells). Owned by
 * the room's thread.
 */
public final class CellIndex {
    private final Grid grid;
    private final int cellCount;
    private final TableCells[] tables;

    /** Creates an empty index for the cell tables of {@code spec}; call {@link #update()} to fill it. */
    public CellIndex(InterestSpec spec) {
        this.grid = spec.grid();
        this.cellCount = spec.cellCount();
        List<PositionedTable> positioned = spec.positioned();
        List<KeyedTable> keyed = spec.keyed();
        this.tables = new TableCells[positioned.size() + keyed.size()];
        for (int t = 0; t < positioned.size(); t++) {
            tables[t] = new TableCells(positioned.get(t), grid, spec.homeMargin());
        }
        for (int j = 0; j < keyed.size(); j++) {
            tables[positioned.size() + j] = new TableCells(keyed.get(j), grid, spec.keys());
        }
    }

    /** Recomputes every home cell and every cell's rows from the tables' current positions. */
    public void update() {
        for (TableCells t : tables) {
            t.update();
        }
    }

    /** The grid. */
    public Grid grid() {
        return grid;
    }

    /** The number of cell keys ({@code 0..cellCount()-1}): the grid's cells, then the key cells. */
    public int cellCount() {
        return cellCount;
    }

    /** The number of cell tables (positioned, then keyed). */
    public int tableCount() {
        return tables.length;
    }

    /** The cell table in slot {@code t}. */
    public Table table(int t) {
        return tables[t].table();
    }

    /** The number of rows of table {@code t} at the last update. */
    public int size(int t) {
        return tables[t].size();
    }

    /** The home cell of {@code row} of table {@code t}, or -1 if it has none (a keyed entity's key out of range). */
    public int homeCell(int t, int row) {
        return tables[t].home(row);
    }

    /** The entity id of {@code row} of table {@code t} at the last update. */
    public int id(int t, int row) {
        return tables[t].id(row);
    }

    /** The first slot of {@code cell}'s rows of table {@code t}. */
    public int start(int t, int cell) {
        return tables[t].start(cell);
    }

    /** One past the last slot of {@code cell}'s rows of table {@code t}. */
    public int end(int t, int cell) {
        return tables[t].end(cell);
    }

    /** The number of rows of table {@code t} homed in {@code cell}. */
    public int count(int t, int cell) {
        return tables[t].end(cell) - tables[t].start(cell);
    }

    /** The row in {@code slot} (between {@link #start} and {@link #end} of some cell) of table {@code t}. */
    public int rowAt(int t, int slot) {
        return tables[t].rowAt(slot);
    }

    /** How many entities of table {@code t} changed home cell at the last update (new ones not counted). */
    public int moved(int t) {
        return tables[t].moved();
    }
}
