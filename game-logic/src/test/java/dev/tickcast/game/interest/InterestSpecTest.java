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

class InterestSpecTest {
    private static final Schema SHIP = new Schema("ship");
    private static final Field X = SHIP.qfloat("x", 0.1f, true);
    private static final Field Y = SHIP.qfloat("y", 0.1f, true);
    private static final Field OWNER = SHIP.intField("owner", false);
    private static final Field AMMO = SHIP.intField("ammo", false);
    private static final Field NAME = SHIP.stringField("name");
    private static final Schema SCORE = new Schema("score");
    private static final Field POINTS = SCORE.intField("points", false);

    private final World world = new World();
    private final Table ships = world.createTable(SHIP);
    private final Table scores = world.createTable(SCORE);

    @Test
    void shouldKeepWhatTheGameDeclared() {
        InterestSpec spec = InterestSpec.builder().grid(200, 8000, 8000)
                .positioned(ships, X, Y).global(scores).ownerOnly(ships, OWNER, AMMO).build();
        assertEquals(40, spec.grid().columns());
        assertEquals(25, spec.homeMargin(), "S / 8 by default");
        assertEquals(25, spec.unsubscribeMargin(), "S / 8 by default");
        assertEquals(List.of(new PositionedTable(ships, X, Y)), spec.positioned());
        assertEquals(List.of(scores), spec.globals());
        assertEquals(0, spec.positionedSlot(ships));
        assertEquals(-1, spec.positionedSlot(scores));
        assertTrue(spec.isOwnerOnly(AMMO));
        assertFalse(spec.isOwnerOnly(OWNER));
        spec.checkCovers(world);
    }

    @Test
    void shouldTakeMargins() {
        InterestSpec spec = InterestSpec.builder().grid(200, 800, 800).homeMargin(0).unsubscribeMargin(90)
                .positioned(ships, X, Y).build();
        assertEquals(0, spec.homeMargin());
        assertEquals(90, spec.unsubscribeMargin());
    }

    @Test
    void shouldRefuseMistakesWithAClearMessage() {
        refused("needs a grid", () -> InterestSpec.builder().positioned(ships, X, Y).build());
        refused("must be QFLOAT", () -> InterestSpec.builder().positioned(ships, OWNER, Y));
        refused("is not a field of score", () -> InterestSpec.builder().positioned(scores, X, Y));
        refused("same field", () -> InterestSpec.builder().positioned(ships, X, X));
        refused("declared twice", () -> InterestSpec.builder().positioned(ships, X, Y).global(ships));
        refused("over half the cell side", () -> InterestSpec.builder().grid(100, 800, 800).homeMargin(51).build());
        refused("at least 0", () -> InterestSpec.builder().homeMargin(-1));
        refused("at least 0", () -> InterestSpec.builder().unsubscribeMargin(Double.NaN));
        refused("must be INT", () -> InterestSpec.builder().ownerOnly(ships, NAME, AMMO));
        refused("no owner-only field", () -> InterestSpec.builder().ownerOnly(ships, OWNER));
        refused("owner field or listed twice", () -> InterestSpec.builder().ownerOnly(ships, OWNER, OWNER));
        refused("owner field or listed twice", () -> InterestSpec.builder().ownerOnly(ships, OWNER, AMMO, AMMO));
        refused("is not a field of ship", () -> InterestSpec.builder().ownerOnly(ships, OWNER, POINTS));
        refused("neither positioned, keyed nor global",
                () -> InterestSpec.builder().grid(100, 800, 800).global(scores).ownerOnly(ships, OWNER, AMMO).build());
        refused("position field cannot be owner-only",
                () -> InterestSpec.builder().grid(100, 800, 800).positioned(ships, X, Y).ownerOnly(ships, OWNER, X).build());
    }

    @Test
    void shouldCheckThatItCoversTheWorld() {
        InterestSpec partial = InterestSpec.builder().grid(100, 800, 800).positioned(ships, X, Y).build();
        refused("score is neither positioned, keyed nor global", () -> partial.checkCovers(world));
        World other = new World();
        other.createTable(SHIP);
        other.createTable(SCORE);
        InterestSpec full = InterestSpec.builder().grid(100, 800, 800).positioned(ships, X, Y).global(scores).build();
        refused("is not a table of this world", () -> full.checkCovers(other));
    }

    private static void refused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }
}
