package dev.tickcast.game.rewind;

import dev.tickcast.game.testing.LocalRoom;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewound world a game reads from onInput and onMessage, through a LocalRoom (a snapshot every
 * 100 ms, every seated player sent every snapshot): values between snapshots as the SDK draws them,
 * and every way a stamp is judged. RewindGame describes the world.
 */
class RewindTest {
    private static final float EPS = 1e-3f;
    private LocalRoom room;
    private RewindGame game;
    private int player;
    private int seq;
    private int probes;

    private void start(boolean interest, int steps) {
        room = LocalRoom.create(RewindGame.spec(interest), 3);
        game = (RewindGame) room.game();
        player = room.join("ann");
        room.step(steps);
    }

    /** Sends an INPUT stamped {@code view} and runs {@code check} on the rewound world it gets. */
    private void rewind(int view, Consumer<RewoundWorld> check) {
        int before = probes;
        game.probe = w -> {
            probes++;
            check.accept(w);
        };
        assertTrue(room.input(player, ++seq, view, new byte[0]));
        assertEquals(before + 1, probes, "the game looked");
    }

    private int row(RewoundWorld w, int id) {
        return w.rowOf(game.dots, id);
    }

    @Test
    void shouldBlendFloatsLinearlyAndHoldOtherFieldsFromTheNearerSnapshot() {
        start(false, 40);
        rewind(ViewStamp.of(30, 8), w -> {
            assertEquals(ViewReason.EXACT, w.reason());
            assertFalse(w.clamped());
            assertEquals(30, w.tick());
            assertEquals(32, w.nextTick());
            assertEquals(0.25f, w.fraction(), EPS);
            assertEquals(475, w.ageMs(), "render tick 30.5, 9.5 ticks of 50 ms ago");
            assertEquals(30.5f, w.getFloat(game.dots, row(w, game.ids[0]), RewindGame.X), EPS);
            assertEquals(61f, w.getFloat(game.dots, row(w, game.ids[1]), RewindGame.X), EPS);
            int r = row(w, game.ids[0]);
            assertEquals(30, w.getInt(game.dots, r, RewindGame.HP), "a quarter of the way: the earlier snapshot");
            assertEquals(30f, w.getFloat(game.dots, r, RewindGame.HP), "an INT as drawn: not blended");
            assertFalse(w.getBool(game.dots, r, RewindGame.ALIVE));
            assertEquals("t30", w.getString(game.dots, r, RewindGame.NAME));
        });
        rewind(ViewStamp.of(30, 16), w -> {
            int r = row(w, game.ids[0]);
            assertEquals(31f, w.getFloat(game.dots, r, RewindGame.X), EPS);
            assertEquals(32, w.getInt(game.dots, r, RewindGame.HP), "half way: the later snapshot, as the SDK draws");
            assertTrue(w.getBool(game.dots, r, RewindGame.ALIVE));
            assertEquals("t32", w.getString(game.dots, r, RewindGame.NAME));
        });
    }

    @Test
    void shouldBlendAnglesAlongTheShorterArc() {
        start(false, 40);
        rewind(ViewStamp.of(30, 24), w -> {
            int r = row(w, game.ids[0]);
            // 3.0 at tick 30, 3.2 - 2 pi at tick 32: the short way runs through pi
            assertEquals(3.15f, w.getAngle(game.dots, r, RewindGame.ANGLE), EPS);
            float linear = w.getFloat(game.dots, r, RewindGame.ANGLE);
            assertEquals(3.0 + (RewindGame.angleAt(32) - 3.0) * 0.75, linear, EPS, "the long way, as a plain float");
        });
    }

    @Test
    void shouldShowAnEntityOnlyInTheLaterSnapshotWithItsLaterValues() {
        start(false, 36);
        rewind(ViewStamp.of(30, 16), w -> {
            int r = row(w, game.late);
            assertTrue(r >= 0, "born at tick 31: in b (32), not in a (30)");
            assertEquals(532f, w.getFloat(game.dots, r, RewindGame.X), EPS);
            assertEquals(32, w.getInt(game.dots, r, RewindGame.HP));
        });
        rewind(ViewStamp.of(28, 16), w -> assertEquals(-1, row(w, game.late), "not in the view"));
    }

    @Test
    void shouldShowTheViewTheRoundTripSuggestsForAMessageWithoutAView() {
        start(false, 40);
        room.latency(player, 100, 100);
        rewind(ViewStamp.NONE, w -> {
            assertEquals(ViewReason.NO_VIEW, w.reason());
            assertTrue(w.clamped());
            assertEquals(200, w.ageMs());
            assertEquals(36, w.tick());
            assertEquals(36f, w.getFloat(game.dots, row(w, game.ids[0]), RewindGame.X), EPS);
        });
    }

    @Test
    void shouldRefuseATickNeverSentToThatPlayer() {
        start(false, 29);
        room.holdSnapshots(player, true);
        room.step(1); // the snapshot of tick 30 is lost
        room.holdSnapshots(player, false);
        room.step(10);
        rewind(ViewStamp.of(30, 0), w -> assertEquals(ViewReason.REFUSED, w.reason()));
        rewind(ViewStamp.of(28, 16), w -> {
            assertEquals(ViewReason.EXACT, w.reason(), "28 to 32, the next one it got");
            assertEquals(32, w.nextTick());
            assertEquals(30f, w.getFloat(game.dots, row(w, game.ids[0]), RewindGame.X), EPS);
            assertEquals(500, w.ageMs());
        });
    }

    @Test
    void shouldRefuseAFutureTick() {
        start(false, 600);
        rewind(ViewStamp.of(602, 0), w -> {
            assertEquals(ViewReason.REFUSED, w.reason(), "602 reads as 90, long gone from the ring");
            assertEquals(0, w.ageMs(), "no round trip, no delay: the present");
            assertEquals(600, w.tick());
        });
    }

    @Test
    void shouldRefuseAFractionPastTheNewestSnapshotSent() {
        start(false, 40);
        rewind(ViewStamp.of(40, 5), w -> assertEquals(ViewReason.REFUSED, w.reason()));
        rewind(ViewStamp.of(40, 0), w -> {
            assertEquals(ViewReason.EXACT, w.reason(), "holding the newest snapshot");
            assertEquals(40, w.nextTick());
            assertEquals(0, w.ageMs());
        });
    }

    @Test
    void shouldClampAViewOlderThanTheCapToTheOldestAllowed() {
        start(false, 40);
        rewind(ViewStamp.of(20, 0), w -> {
            assertEquals(ViewReason.TOO_OLD, w.reason());
            assertEquals(500, w.ageMs(), "2 x 250 ms, no declared delay");
            assertEquals(30, w.tick());
            assertEquals(30f, w.getFloat(game.dots, row(w, game.ids[0]), RewindGame.X), EPS);
        });
        rewind(ViewStamp.of(28, 0), w -> assertEquals(ViewReason.TOO_OLD, w.reason(), "600 ms old"));
        room.latency(player, -1, 200);
        rewind(ViewStamp.of(28, 0), w -> {
            assertEquals(ViewReason.EXACT, w.reason(), "700 ms allowed with a declared delay of 200");
            assertEquals(600, w.ageMs());
        });
    }

    @Test
    void shouldNotTrustAStampThatDisagreesWithTheRoundTrip() {
        start(false, 40);
        room.latency(player, 20, 0);
        rewind(ViewStamp.of(30, 0), w -> {
            assertEquals(ViewReason.DISAGREES, w.reason(), "500 ms old with a round trip of 20 ms");
            assertEquals(20, w.ageMs(), "the view a round trip ago, never the old one");
            assertEquals(38, w.tick());
            assertEquals(0.8f, w.fraction(), EPS);
            assertEquals(39.6f, w.getFloat(game.dots, row(w, game.ids[0]), RewindGame.X), EPS);
        });
        room.latency(player, 400, 100);
        rewind(ViewStamp.of(30, 0), w -> assertEquals(ViewReason.EXACT, w.reason(), "400 + 100 ms: it agrees"));
    }

    @Test
    void shouldNeverCreditAForgedStampWithAViewOlderThanAllowed() {
        start(false, 200);
        int[][] latencies = {{-1, 0}, {0, 0}, {80, 50}, {600, 0}, {-1, 5000}};
        for (int[] l : latencies) {
            room.latency(player, l[0], l[1]);
            int maxAge = LagCompensation.DEFAULT.maxAgeMs(l[1]);
            for (int view = 0; view <= ViewStamp.MAX; view++) {
                int stamp = view;
                game.probe = w -> {
                    assertTrue(w.ageMs() <= maxAge, "stamp " + stamp + ": " + w.ageMs() + " ms old");
                    assertTrue(w.ageMs() >= 0, "stamp " + stamp + " is in the future");
                };
                assertTrue(room.message(player, 1, view, new byte[0]));
            }
        }
    }

    @Test
    void shouldOnlyShowWhatThePlayerWasSentWithInterest() {
        start(true, 40);
        rewind(ViewStamp.of(30, 16), w -> {
            assertEquals(ViewReason.EXACT, w.reason());
            assertEquals(-1, row(w, game.far), "the far dot was never sent");
            int far = game.dots.rowOf(game.far);
            assertEquals(game.far, w.id(game.dots, far), "present in the snapshot");
            assertFalse(w.seen(game.dots, far));
            int r = row(w, game.ids[0]);
            assertTrue(r >= 0);
            assertEquals(31f, w.getFloat(game.dots, r, RewindGame.X), EPS);
            assertEquals(0, w.rowOf(game.clock, w.id(game.clock, 0)), "a global table is always seen");
            int[] rows = new int[8];
            int n = w.near(game.dots, RewindGame.X, RewindGame.Y, 500, 500, 2000, rows);
            for (int i = 0; i < n; i++) {
                assertTrue(w.seen(game.dots, rows[i]));
            }
            assertTrue(n >= 3, "the three moving dots");
        });
    }

    @Test
    void shouldFindTheRowsNearAPointAsDrawn() {
        start(false, 40);
        rewind(ViewStamp.of(30, 16), w -> {
            int[] rows = new int[8];
            // as drawn: dots at x = 31, 62, 93, the late one at 532, the far one at (900, 900)
            assertEquals(2, w.near(game.dots, RewindGame.X, RewindGame.Y, 50, 0, 20, rows));
            assertEquals(game.ids[0], w.id(game.dots, rows[0]));
            assertEquals(game.ids[1], w.id(game.dots, rows[1]));
            assertEquals(1, w.near(game.dots, RewindGame.X, RewindGame.Y, 50, 0, 20, new int[1]), "at most the array");
            assertEquals(0, w.near(game.dots, RewindGame.X, RewindGame.Y, 31, 0.5f, 0.4f, rows));
        });
    }

    @Test
    void shouldRewindOnlyForThePlayerWhoseMessageIsHandled() {
        start(false, 10);
        int bob = room.join("bob");
        assertThrows(IllegalStateException.class, () -> room.rewind(player), "outside onInput and onMessage");
        rewind(ViewStamp.NONE, w -> assertThrows(IllegalStateException.class, () -> game.room.rewind(bob)));
    }
}
