package dev.tickcast.game.rewind;

import dev.tickcast.game.interest.CellLayout;

/**
 * The cells of the recent broadcasts of a room with interest management, as a rewind needs them:
 * which tables are sent by cells, and the home cell of each row of a recent snapshot. The server's
 * {@code CellBroadcast} keeps them for its own deltas.
 */
public interface CellHistory {
    /** The cell layout of the snapshot of {@code tick}, or null if it is no longer kept. */
    CellLayout layout(int tick);

    /** True if world table {@code table} is sent by cells; false for a global table (sent whole to everyone). */
    boolean cellTable(int table);
}
