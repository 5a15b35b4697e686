/**
 * The synchronised state of a room: a {@link dev.tickcast.state.World} of
 * {@link dev.tickcast.state.Table}s, each holding the entities of one {@link dev.tickcast.state.Schema}
 * of typed {@link dev.tickcast.state.Field}s. The engine snapshots it and sends every client the delta;
 * docs/EXTENDING.md section 9 gives each field type's cost on the wire.
 */
package dev.tickcast.state;
