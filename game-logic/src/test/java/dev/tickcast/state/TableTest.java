package dev.tickcast.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {
    private static final Schema THING = new Schema("thing");
    private static final Field N = THING.intField("n", false);
    private static final Field LABEL = THING.stringField("label");

    @Test
    void shouldKeepRowsInIdOrderAcrossAddsAndRemoves() {
        World world = new World();
        Table table = world.createTable(THING);
        int a = table.id(table.addRow());
        int b = table.id(table.addRow());
        int c = table.id(table.addRow());
        table.setInt(table.rowOf(c), N, 7);
        assertEquals(true, table.remove(b));
        assertFalse(table.remove(b));
        int d = table.id(table.addRow());
        assertEquals(3, table.size());
        assertEquals(a, table.id(0));
        assertEquals(c, table.id(1));
        assertEquals(d, table.id(2));
        assertEquals(7, table.getInt(table.rowOf(c), N));
        assertEquals(-1, table.rowOf(b));
        assertEquals("", table.getString(table.rowOf(d), LABEL), "new rows start with defaults");
    }

    @Test
    void shouldRefuseStringsOverTheWireLimit() {
        Table table = new World().createTable(THING);
        int row = table.rowOf(table.id(table.addRow()));
        table.setString(row, LABEL, "é".repeat(Table.MAX_STRING_BYTES / 2));
        assertThrows(IllegalArgumentException.class,
                () -> table.setString(row, LABEL, "é".repeat(Table.MAX_STRING_BYTES / 2 + 1)));
        assertThrows(IllegalArgumentException.class, () -> table.setInt(row, LABEL, 1), "typed handles are checked");
        assertEquals(dev.tickcast.wire.Protocol.MAX_STRING_BYTES, Table.MAX_STRING_BYTES, "the wire limit");
    }
}
