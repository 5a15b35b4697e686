package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

/**
 * A table whose entities are sent by interest key, not by position (a team's shared state, a
 * channel): each entity is homed in the key cell of its {@code key} field's value (see
 * {@link InterestSpec#keyCell}) and sent only to the viewers that hold that key
 * ({@link Views#addKey}). An entity whose key is outside {@code 0..keys-1} has no home cell: no
 * viewer receives it.
 *
 * @param table the table
 * @param key its {@link dev.tickcast.state.FieldType#INT} field holding an entity's interest key
 */
public record KeyedTable(Table table, Field key) {
}
