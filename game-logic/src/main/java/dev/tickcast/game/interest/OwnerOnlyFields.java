package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

import java.util.List;

/**
 * Fields of a table that only an entity's owner receives (ammo, inventory): every other viewer gets
 * the entity without them.
 *
 * @param table the table
 * @param owner its {@link dev.tickcast.state.FieldType#INT} field holding the id of the player that
 *     owns the entity (a value that is no player id means "nobody"); null: the entity is owned by
 *     the player whose body it is (the entity its {@code onJoin} returned)
 * @param fields the owner-only fields of the table (immutable, at least one, without {@code owner})
 */
public record OwnerOnlyFields(Table table, Field owner, List<Field> fields) {
    /** Keeps an immutable copy of {@code fields}. */
    public OwnerOnlyFields {
        fields = List.copyOf(fields);
    }
}
