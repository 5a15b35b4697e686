package dev.tickcast.wire;

import dev.tickcast.state.Schema;

import java.util.List;

/**
 * SCHEMA (server to client): the game's tables and fields, in wire order, so that any client can
 * decode any game's snapshots.
 *
 * @param schemas the table schemas, in the order the snapshot sections follow
 */
public record SchemaMessage(List<Schema> schemas) {
}
