package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interest keys: the declaration, the homing of keyed entities in key cells, and the viewers' keys. */
class InterestKeysTest {
    private static final Schema SHIP = new Schema("ship");
    private static final Field X = SHIP.qfloat("x", 0.1f, true);
    private static final Field Y = SHIP.qfloat("y", 0.1f, true);
    private static final Schema TEAM = new Schema("team");
    private static final Field KEY = TEAM.intField("key", false);
    private static final Field SECRET = TEAM.intField("secret", false);
    private static final Field MOTTO = TEAM.stringField("motto");

    private final World world = new World();
    private final Table ships = world.createTable(SHIP);
    private final Table teams = world.createTable(TEAM);
    private final InterestSpec spec = InterestSpec.builder().grid(100, 1000, 1000).positioned(ships, X, Y)
            .keys(3).keyed(teams, KEY).build();
    private final CellIndex index = new CellIndex(spec);

    @Test
    void shouldDeclareKeyCellsAfterTheGridCells() {
        assertEquals(3, spec.keys());
        assertEquals(List.of(new KeyedTable(teams, KEY)), spec.keyed());
        assertEquals(103, spec.cellCount());
        assertEquals(101, spec.keyCell(1));
        assertEquals(0, spec.keyedSlot(teams));
        assertEquals(-1, spec.keyedSlot(ships));
        assertEquals(-1, spec.positionedSlot(teams));
        spec.checkCovers(world);
        assertEquals(103, index.cellCount());
        assertEquals(2, index.tableCount());
        assertEquals(teams, index.table(1), "keyed tables come after the positioned ones");
    }

    @Test
    void shouldRefuseKeyMistakes() {
        refused("key count must be in 1..4096", () -> InterestSpec.builder().keys(0));
        refused("key count must be in 1..4096", () -> InterestSpec.builder().keys(4097));
        refused("must be INT", () -> InterestSpec.builder().keyed(teams, MOTTO));
        refused("is not a field of team", () -> InterestSpec.builder().keyed(teams, X));
        refused("declared twice", () -> InterestSpec.builder().keyed(teams, KEY).global(teams));
        refused("declared twice", () -> InterestSpec.builder().positioned(ships, X, Y).keyed(ships, KEY));
        refused("keyed tables need keys(count)", () -> InterestSpec.builder().grid(100, 800, 800).keyed(teams, KEY).build());
        refused("2 interest keys declared but no keyed table", () -> InterestSpec.builder().grid(100, 800, 800).keys(2).build());
        refused("a key field cannot be owner-only", () -> InterestSpec.builder().grid(100, 800, 800).keys(2)
                .keyed(teams, KEY).ownerOnly(teams, SECRET, KEY).build());
        InterestSpec owned = InterestSpec.builder().grid(100, 800, 800).keys(2).keyed(teams, KEY)
                .ownerOnly(teams, SECRET, MOTTO).build();
        assertTrue(owned.isOwnerOnly(MOTTO), "a keyed table may have owner-only fields");
        InterestSpec noTeams = InterestSpec.builder().grid(100, 800, 800).positioned(ships, X, Y).build();
        refused("team is neither positioned, keyed nor global", () -> noTeams.checkCovers(world));
    }

    @Test
    void shouldHomeKeyedEntitiesInTheirKeyCellAndFollowAKeyChange() {
        int ship = ships.addRow();
        ships.setFloat(ship, X, 150);
        ships.setFloat(ship, Y, 50);
        int red = team(2);
        int blue = team(0);
        int blue2 = team(0);
        int nobody = team(3);
        int negative = team(-1);
        index.update();
        assertEquals(spec.keyCell(2), home(red));
        assertEquals(spec.keyCell(0), home(blue));
        assertEquals(-1, home(nobody), "a key out of range: no home cell");
        assertEquals(-1, home(negative));
        assertEquals(List.of(teams.rowOf(blue), teams.rowOf(blue2)), rows(spec.keyCell(0)), "in id order");
        assertEquals(List.of(), rows(spec.keyCell(1)));
        assertEquals(List.of(), rows(spec.grid().cell(1, 0)), "a keyed table has no rows in grid cells");
        assertEquals(1, index.count(0, spec.grid().cell(1, 0)));
        assertEquals(0, index.count(0, spec.keyCell(2)), "a positioned table has no rows in key cells");
        assertEquals(3, index.end(1, spec.cellCount() - 1), "the homeless rows come after every cell");

        teams.setInt(teams.rowOf(blue2), KEY, 1);
        teams.setInt(teams.rowOf(nobody), KEY, 2);
        teams.setInt(teams.rowOf(red), KEY, 7);
        index.update();
        assertEquals(spec.keyCell(1), home(blue2), "a key change moves the entity at once: no hysteresis");
        assertEquals(List.of(teams.rowOf(nobody)), rows(spec.keyCell(2)));
        assertEquals(-1, home(red));
        assertEquals(3, index.moved(1), "blue2, nobody and red changed home cell");
        index.update();
        assertEquals(0, index.moved(1));
    }

    @Test
    void shouldCopyOnlyHomedRowsIntoALayout() {
        int in = team(1);
        team(5);
        index.update();
        CellLayout layout = new CellLayout(world.tables().size(), index);
        layout.capture(index, 7);
        assertTrue(layout.cellTable(teams.index()));
        assertEquals(103, layout.cellCount());
        assertEquals(1, layout.end(teams.index(), spec.keyCell(2)), "the out-of-range row is in no cell");
        assertEquals(0, layout.start(teams.index(), spec.keyCell(1)));
        assertEquals(teams.rowOf(in), layout.rows(teams.index())[0]);
        assertEquals(-1, layout.home(teams.index(), 1));
    }

    @Test
    void shouldKeepEachViewersKeysSortedAndClearThemWithTheView() {
        Views views = new Views(2, 3);
        assertTrue(views.addKey(0, 2));
        assertTrue(views.addKey(0, 0));
        assertFalse(views.addKey(0, 2), "already held");
        assertEquals(2, views.keyCount(0));
        assertEquals(0, views.key(0, 0));
        assertEquals(2, views.key(0, 1));
        assertTrue(views.hasKey(0, 2));
        assertFalse(views.hasKey(1, 2));
        assertTrue(views.removeKey(0, 0));
        assertFalse(views.removeKey(0, 0));
        views.setCircle(0, 10, 10, 5);
        views.clearShape(0);
        assertFalse(views.isSet(0));
        assertEquals(1, views.keyCount(0), "clearShape keeps the keys");
        views.addKey(1, 1);
        views.clearKeys(1);
        assertEquals(0, views.keyCount(1));
        views.setCircle(0, 10, 10, 5);
        views.clear(0);
        assertFalse(views.isSet(0));
        assertEquals(0, views.keyCount(0), "clear forgets the keys too");
        refused("interest key 3 is not in 0..2", () -> views.addKey(0, 3));
        refused("interest key -1 is not in 0..2", () -> views.removeKey(0, -1));
        refused("these views have no keys", () -> new Views(2).addKey(0, 0));
        refused("views with 3 keys for a spec of 0", () -> new ViewCells(InterestSpec.builder().grid(100, 800, 800).build(), 2)
                .update(views));
    }

    private int team(int key) {
        int row = teams.addRow();
        teams.setInt(row, KEY, key);
        return teams.id(row);
    }

    private int home(int id) {
        return index.homeCell(1, teams.rowOf(id));
    }

    private List<Integer> rows(int cell) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (int k = index.start(1, cell); k < index.end(1, cell); k++) {
            rows.add(index.rowAt(1, k));
        }
        return rows;
    }

    private static void refused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }
}
