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
 *     cell), its global tables (sent to everyone) and its owner-only fields, and the margins.</li>
 * <li>{@link dev.tickcast.game.interest.CellIndex} gives every entity of a positioned table a home
 *     cell, with hysteresis (it moves only once its centre is more than h outside the cell), and
 *     lists each cell's rows in entity-id order. Updated once per broadcast, after the game's step.</li>
 * <li>{@link dev.tickcast.game.interest.Views} holds what each player sees (a circle or a
 *     rectangle), set by the game; {@link dev.tickcast.game.interest.ViewCells} turns it into the
 *     cells each player watches (entered within h of the view, left beyond h + u) and reports, per
 *     update, the cells each player entered and left.</li>
 * </ul>
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
