package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellIndexTest {
    private static final Schema ORB = new Schema("orb");
    private static final Field X = ORB.qfloat("x", 0.01f, true);
    private static final Field Y = ORB.qfloat("y", 0.01f, true);
    private static final Schema NPC = new Schema("npc");
    private static final Field NX = NPC.qfloat("x", 0.01f, true);
    private static final Field NY = NPC.qfloat("y", 0.01f, true);

    private final World world = new World();
    private final Table orbs = world.createTable(ORB);
    private final Table npcs = world.createTable(NPC);
    private final Grid grid = new Grid(100, 1000, 1000);
    private final CellIndex index = new CellIndex(InterestSpec.builder().grid(100, 1000, 1000).homeMargin(12.5)
            .positioned(orbs, X, Y).positioned(npcs, NX, NY).build());

    @Test
    void shouldHomeEntitiesInTheCellThatContainsThem() {
        int a = add(orbs, 150, 150);
        int b = add(orbs, 950, 50);
        int c = add(orbs, 160, 190);
        add(npcs, -20, 5000);
        index.update();
        assertEquals(2, index.tableCount());
        assertEquals(grid.cell(1, 1), home(0, a));
        assertEquals(grid.cell(9, 0), home(0, b));
        int cell = grid.cell(1, 1);
        assertEquals(2, index.count(0, cell));
        assertEquals(orbs.rowOf(a), index.rowAt(0, index.start(0, cell)), "rows in increasing id order");
        assertEquals(orbs.rowOf(c), index.rowAt(0, index.start(0, cell) + 1));
        assertEquals(grid.cell(0, 9), index.homeCell(1, 0), "clamped into the world");
        assertEquals(1, index.count(1, grid.cell(0, 9)));
        assertEquals(0, index.count(1, cell), "tables are indexed apart");
    }

    @Test
    void shouldKeepTheHomeCellWithinTheMargin() {
        int a = add(orbs, 150, 150);
        index.update();
        move(a, 212, 150);
        index.update();
        assertEquals(grid.cell(1, 1), home(0, a), "12 outside: kept");
        assertEquals(0, index.moved(0));
        move(a, 209, 209);
        index.update();
        assertEquals(grid.cell(2, 2), home(0, a), "9 * sqrt(2) = 12.7 off the corner: moved to the cell that contains it");
        assertEquals(1, index.moved(0));
        move(a, 195, 195);
        index.update();
        assertEquals(grid.cell(2, 2), home(0, a), "5 * sqrt(2) back: kept");
        move(a, 187, 150);
        index.update();
        assertEquals(grid.cell(1, 1), home(0, a), "13 outside (2, 2): moved back");
        assertEquals(1, index.moved(0));
    }

    @Test
    void shouldFollowRowsAddedAndRemoved() {
        int a = add(orbs, 50, 50);
        int b = add(orbs, 550, 550);
        int c = add(orbs, 950, 950);
        index.update();
        move(b, 612, 550);
        index.update();
        assertEquals(grid.cell(5, 5), home(0, b), "kept by hysteresis");
        orbs.remove(a);
        int d = add(orbs, 612, 550);
        index.update();
        assertEquals(3, index.size(0));
        assertEquals(grid.cell(5, 5), home(0, b), "b kept its home although its row moved");
        assertEquals(grid.cell(6, 5), home(0, d), "a new entity is homed where it is");
        assertEquals(grid.cell(9, 9), home(0, c));
        assertEquals(0, index.count(0, grid.cell(0, 0)), "a removed entity leaves its cell");
        assertEquals(d, index.id(0, orbs.rowOf(d)));
    }

    @Test
    void shouldGrowWithItsTablesAndKeepEveryEntityOnce() {
        for (int i = 0; i < 1000; i++) {
            add(orbs, (i * 37) % 1000, (i * 91) % 1000);
        }
        index.update();
        int total = 0;
        for (int cell = 0; cell < grid.cellCount(); cell++) {
            for (int k = index.start(0, cell); k < index.end(0, cell); k++) {
                assertEquals(cell, index.homeCell(0, index.rowAt(0, k)));
                total++;
            }
        }
        assertEquals(1000, total);
        orbs.clear();
        index.update();
        assertEquals(0, index.end(0, grid.cellCount() - 1));
    }

    private int home(int t, int id) {
        return index.homeCell(t, (t == 0 ? orbs : npcs).rowOf(id));
    }

    private void move(int id, float x, float y) {
        int row = orbs.rowOf(id);
        orbs.setFloat(row, X, x);
        orbs.setFloat(row, Y, y);
    }

    private static int add(Table table, float x, float y) {
        int row = table.addRow();
        table.setFloat(row, table.schema().field(0), x);
        table.setFloat(row, table.schema().field(1), y);
        return table.id(row);
    }
}
