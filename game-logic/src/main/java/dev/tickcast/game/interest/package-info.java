/**
 * Interest management: which part of a big world each client receives, computed so that the
 * engine can keep "encode once, send many" per cell instead of per client. Pure data structures
 * of the room's thread, allocation-free in the steady state. A game declares its spec with
 * {@code RoomContext.interest(spec)} and sets the returned {@link dev.tickcast.game.interest.Views};
 * the engine's {@code dev.tickcast.delta.CellBroadcast} does the rest (docs/EXTENDING.md, "Big worlds").
 *
 * <ul>
 * <li>{@link dev.tickcast.game.interest.InterestSpec} is what a game declares in {@code onCreate}: a
 *     {@link dev.tickcast.game.interest.Grid} of cells of side S, its positioned tables (sent by
 *     cell), its keyed tables (sent by interest key: a team's state), its global tables (sent to
 *     everyone) and its owner-only fields, the margins and the number of interest keys.</li>
 * <li>{@link dev.tickcast.game.interest.CellIndex} gives every entity of a positioned table a home
 *     cell, with hysteresis (it moves only once its centre is more than h outside the cell), and
 *     lists each cell's rows in entity-id order. Updated once per broadcast, after the game's step.
 *     An entity of a keyed table is homed in the key cell of its key (no hysteresis).</li>
 * <li>{@link dev.tickcast.game.interest.Views} holds what each player sees (a circle or a
 *     rectangle, and the interest keys it holds), set by the game;
 *     {@link dev.tickcast.game.interest.ViewCells} turns it into the cells each player watches
 *     (entered within h of the view, left beyond h + u; a key cell while the key is held) and
 *     reports, per update, the cells each player entered and left.</li>
 * </ul>
 *
 * <p>Interest keys ride on cells: with {@code keys(n)}, cell keys {@code 0..G-1} are the grid's G
 * cells and {@code G..G+n-1} are the key cells, one per interest key. A keyed table's entity lives
 * in the key cell of its INT key field (a value outside {@code 0..n-1}: in no cell, sent to nobody),
 * and a player watches key cell {@code G + k} exactly while it holds key k
 * ({@code Views.addKey}). The engine and the wire see only cells: a key cell is entered (a cell
 * keyframe), kept (chunks when it changes) and left (a drop) like any other, so a team's state is
 * encoded once per team and shared by its members, and never reaches another team.
 *
 * <p>What the engine does with them, per broadcast: for every watched cell that changed, encode
 * the cell's delta from a baseline once, and share the bytes among every client on that baseline
 * that watches the cell; for every cell a client entered, send a cell keyframe (the cell's entities
 * from the empty snapshot, encoded once per cell and tick however many clients enter it); for every
 * cell it left, send a cell drop (the client forgets the cell's entities). A client's snapshot is
 * then its own small header (tick, baseline, input ack, owner-only fields) plus references to the
 * shared cell chunks; global tables go to everyone as today. Because an entity's centre is always
 * within h of its home cell and a view subscribes every cell within h of it, every entity in a
 * view is held (a superset); the margins trade a little over-send for low churn.
 */
package dev.tickcast.game.interest;
