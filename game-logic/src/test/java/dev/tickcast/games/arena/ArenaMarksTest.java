package dev.tickcast.games.arena;

import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arena marks the lead changing hands (rate-limited) and score milestones. */
class ArenaMarksTest {
    private static final long SEED = 4242L;
    private static final int TICKS = 60 * 120;

    @Test
    void shouldMarkNewLeadersAtMostOncePerGapAndEveryMilestone() {
        LocalRoom room = LocalRoom.create(ArenaGame.SPEC, SEED);
        int ann = room.join("ann");
        int bob = room.join("bob");
        int[][] dirs = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (int t = 0; t < TICKS; t++) {
            if (t % 90 == 0) {
                int[] a = dirs[(t / 90) % dirs.length];
                int[] b = dirs[(t / 90 + 3) % dirs.length];
                room.input(ann, (byte) ArenaInput.encode(a[0], a[1], true));
                room.input(bob, (byte) ArenaInput.encode(b[0], b[1], t % 180 == 0));
            }
            room.step(1);
        }
        List<String> marks = room.marks();
        List<String> leads = marks.stream().filter(m -> m.endsWith(" takes the lead")).toList();
        assertFalse(leads.isEmpty(), "someone scored: " + marks);
        assertTrue(marks.get(0).endsWith(" takes the lead"), "the first score takes the lead: " + marks);
        assertTrue(leads.size() <= TICKS / (ArenaMarks.LEAD_GAP_SECONDS * 60) + 1, "rate-limited: " + leads);
        for (int i = 1; i < leads.size(); i++) {
            assertNotEquals(leads.get(i - 1), leads.get(i), "a lead is marked when it changes hands: " + leads);
        }
        Table players = room.world().table(2);
        for (int row = 0; row < players.size(); row++) {
            String name = players.getString(row, ArenaSchemas.PLAYER_NAME);
            int score = players.getInt(row, ArenaSchemas.PLAYER_SCORE);
            List<String> milestones = marks.stream().filter(m -> m.startsWith(name + " reaches ")).toList();
            assertTrue(milestones.size() <= score / ArenaMarks.MILESTONE, name + " scored " + score + ": " + marks);
            for (int i = 0; i < milestones.size(); i++) {
                int n = Integer.parseInt(milestones.get(i).substring(name.length() + " reaches ".length()));
                assertEquals(0, n % ArenaMarks.MILESTONE, milestones.get(i));
                assertTrue(i == 0 || n > Integer.parseInt(milestones.get(i - 1).substring(name.length() + 9)), marks.toString());
            }
        }
    }
}
