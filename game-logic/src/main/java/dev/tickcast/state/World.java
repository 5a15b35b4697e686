package dev.tickcast.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The synchronised state of one room: a fixed list of {@link Table}s, created while the game
 * sets itself up, and the room-wide entity id counter. Entity ids are unique in the world, start
 * at 0 and only grow, so an id is never reused and a new entity always sorts after every other.
 *
 * <p>Not thread-safe: one room thread owns a world.
 */
public final class World {
    private final List<Table> tables = new ArrayList<>();
    private final List<Schema> schemas = new ArrayList<>();
    private boolean frozen;
    private int nextId;

    /** Creates the table for {@code schema}; allowed only before the world is frozen. */
    public Table createTable(Schema schema) {
        if (frozen) {
            throw new IllegalStateException("tables are created in Game.onCreate only");
        }
        for (Schema s : schemas) {
            if (s.name().equals(schema.name())) {
                throw new IllegalArgumentException("duplicate table " + schema.name());
            }
        }
        Table table = new Table(this, schema, tables.size());
        tables.add(table);
        schemas.add(schema);
        return table;
    }

    /** Fixes the list of tables; the engine calls this after {@code Game.onCreate}. */
    public void freeze() {
        frozen = true;
    }

    /** The tables in creation (wire) order. */
    public List<Table> tables() {
        return Collections.unmodifiableList(tables);
    }

    /** The schemas of the tables, in the same order: what the schema message sends. */
    public List<Schema> schemas() {
        return Collections.unmodifiableList(schemas);
    }

    /** The table at {@code index}. */
    public Table table(int index) {
        return tables.get(index);
    }

    int nextId() {
        if (nextId == Integer.MAX_VALUE) {
            throw new IllegalStateException("entity ids exhausted");
        }
        return nextId++;
    }
}
