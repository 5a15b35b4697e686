package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

/**
 * A table whose entities live at a point of the world: each is sent only to the viewers that watch
 * its home cell (see {@link CellIndex}).
 *
 * @param table the table
 * @param x its {@link dev.tickcast.state.FieldType#QFLOAT} field holding an entity's centre x
 * @param y its {@link dev.tickcast.state.FieldType#QFLOAT} field holding an entity's centre y
 */
public record PositionedTable(Table table, Field x, Field y) {
}
