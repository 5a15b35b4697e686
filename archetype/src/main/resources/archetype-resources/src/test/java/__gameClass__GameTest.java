package ${package};

import dev.tickcast.game.Identity;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Field;
import dev.tickcast.state.Table;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules without a server: LocalRoom calls the game the way a room does, on the test's thread. */
class ${gameClass}GameTest {
    private static final long SEED = 42;
    private static final int HZ = ${gameClass}Game.SPEC.tickHz();

    private final LocalRoom room = LocalRoom.create(${gameClass}Game.SPEC, SEED);

    private Table players() {
        return room.world().table(0);
    }

    private Table zone() {
        return room.world().table(1);
    }

    private int row(int playerId) {
        Table t = players();
        for (int row = 0; row < t.size(); row++) {
            if (t.getInt(row, ${gameClass}Game.PLAYER_SEAT) == playerId) {
                return row;
            }
        }
        throw new AssertionError("no row for player " + playerId);
    }

    private float position(int playerId, Field field) {
        return players().getFloat(row(playerId), field);
    }

    /** Walks the player towards the zone's centre, one input a step, until it is within a unit of it. */
    private void walkToZone(int playerId) {
        for (int steps = 0; steps < 10 * HZ; steps++) {
            float dx = zone().getFloat(0, ${gameClass}Game.ZONE_X) - position(playerId, ${gameClass}Game.PLAYER_X);
            float dy = zone().getFloat(0, ${gameClass}Game.ZONE_Y) - position(playerId, ${gameClass}Game.PLAYER_Y);
            if (Math.abs(dx) < 1 && Math.abs(dy) < 1) {
                return;
            }
            int bits = (dx > 1 ? ${gameClass}Game.RIGHT : dx < -1 ? ${gameClass}Game.LEFT : 0)
                    | (dy > 1 ? ${gameClass}Game.DOWN : dy < -1 ? ${gameClass}Game.UP : 0);
            assertTrue(room.input(playerId, (byte) bits));
            room.step(1);
        }
        throw new AssertionError("player " + playerId + " did not reach the zone");
    }

    private int score(int playerId) {
        return players().getInt(row(playerId), ${gameClass}Game.PLAYER_SCORE);
    }

    @Test
    void aPlayerIsShownByTheIdentitysName() {
        int ann = room.join(new Identity("user-17", "Ann", Map.of()));
        assertEquals("Ann", players().getString(row(ann), ${gameClass}Game.PLAYER_NAME));
        assertEquals(room.lastEntity(), players().id(row(ann)), "onJoin returns the player's entity");
    }

    @Test
    void aPlayerAloneInTheZoneScoresAPointASecondAndTheEventSaysWho() {
        int ann = room.join("ann");
        walkToZone(ann);
        assertTrue(room.input(ann, (byte) 0));
        int before = score(ann);
        room.step(3 * HZ);
        assertEquals(before + 3, score(ann));
        assertEquals(ann, zone().getInt(0, ${gameClass}Game.ZONE_HOLDER));
        LocalRoom.Event taken = room.events().get(0);
        assertEquals(${gameClass}Game.ZONE_TAKEN_EVENT, taken.name());
        assertEquals("ann", taken.data().get("name"));
    }

    @Test
    void twoPlayersInTheZoneContestItAndNobodyScores() {
        int ann = room.join("ann");
        int bob = room.join("bob");
        walkToZone(ann);
        room.input(ann, (byte) 0);
        walkToZone(bob);
        room.input(bob, (byte) 0);
        int annBefore = score(ann);
        int bobBefore = score(bob);
        room.step(2 * HZ);
        assertEquals(annBefore, score(ann));
        assertEquals(bobBefore, score(bob));
        assertEquals(-1, zone().getInt(0, ${gameClass}Game.ZONE_HOLDER));
    }

    @Test
    void theZoneMovesOnItsScheduleAndOnAServerMessage() {
        float x = zone().getFloat(0, ${gameClass}Game.ZONE_X);
        float y = zone().getFloat(0, ${gameClass}Game.ZONE_Y);
        room.step(${gameClass}Game.ZONE_SECONDS * HZ);
        assertTrue(x != zone().getFloat(0, ${gameClass}Game.ZONE_X) || y != zone().getFloat(0, ${gameClass}Game.ZONE_Y),
                "the zone moved after ZONE_SECONDS");
        assertTrue(room.serverMessage(Map.of("action", "moveZone")));
        assertFalse(room.serverMessage(Map.of("action", "nothing")));
    }

    @Test
    void aMalformedInputClosesThePlayer() {
        int ann = room.join("ann");
        assertFalse(room.input(ann, (byte) 99));
        assertEquals(1007, room.verdict().closeCode());
        assertEquals(Verdict.ACCEPTED, room.tryJoin("bob").verdict());
    }
}
