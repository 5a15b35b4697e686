package dev.tickcast.client;

import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java Interpolator draws what the SDK's does: the cases of client-demo/src/test/js/interpolation.test.js,
 * ported, and the view stamp of what it draws.
 */
class InterpolatorTest {
    private static final Schema NPC = new Schema("npc");
    private static final Field X = NPC.qfloat("x", 0.1f, true);
    private static final Field ANGLE = NPC.qfloat("angle", 0.01f, false);
    private static final Field HEADING = NPC.qfloat("heading", 0.01f, false);
    private static final Field ON = NPC.boolField("on");

    static {
        NPC.freeze();
    }

    private static Snapshot state(int tick, double x, double angle, boolean on) {
        Snapshot s = new Snapshot(List.of(NPC));
        TableSnapshot t = s.table(0);
        int row = t.appendRow(7);
        t.setValue(row, X.index(), (int) Math.round(x * 10));
        t.setValue(row, ANGLE.index(), (int) Math.round(angle * 100));
        t.setValue(row, HEADING.index(), (int) Math.round(angle * 100));
        t.setValue(row, ON.index(), on ? 1 : 0);
        s.tick(tick);
        return s;
    }

    /** A local time that renders a quarter of the way from the first state to the second. */
    private static double feed(Interpolator ip) {
        ip.push(state(3, 100, 3.1, false), 1000);
        ip.push(state(6, 110, -3.1, true), 1050);
        ip.push(state(9, 120, -3.0, true), 1100);
        return 1000 + ip.delayMs() + 12.5; // state tick 3 is server time 50 ms, and arrived on time
    }

    @Test
    void shouldBlendEveryQfloatLinearlyUnlessTheGameNamesItAngular() {
        Interpolator ip = new Interpolator(60, 3);
        List<Interpolator.Entity> all = ip.entities("npc", feed(ip));
        assertEquals(1, all.size());
        Interpolator.Entity e = all.get(0);
        assertEquals(7, e.id());
        assertEquals(102.5, e.get(X), 1e-9);
        assertEquals(3.1 - 6.2 * 0.25, e.get(ANGLE), 1e-9, "plain linear, no name is special");
        assertEquals(e.get(ANGLE), e.get(HEADING), 1e-9);
        assertEquals(0, e.get(ON), "other fields come from the nearer state");
    }

    @Test
    void shouldBlendAngularFieldsAlongTheShorterArc() {
        Interpolator ip = new Interpolator(60, 3, 32, Map.of("npc", List.of("heading")));
        Interpolator.Entity e = ip.entities("npc", feed(ip)).get(0);
        // from 3.1 to -3.1 the short way crosses pi: 3.1 + 0.25 * (2 pi - 6.2)
        assertEquals(3.1 + 0.25 * (2 * Math.PI - 6.2), e.get(HEADING), 1e-9);
        assertEquals(3.1 - 6.2 * 0.25, e.get(ANGLE), 1e-9, "angle is not angular in this game");
        Interpolator other = new Interpolator(60, 3, 32, Map.of("player", List.of("heading")));
        Interpolator.Entity f = other.entities("npc", feed(other)).get(0);
        assertEquals(3.1 - 6.2 * 0.25, f.get(HEADING), 1e-9, "angular fields are per table");
    }

    @Test
    void shouldTakeTheShorterArcForAnyDifferenceEvenManyTurnsApart() {
        Interpolator ip = new Interpolator(60, 3, 32, Map.of("npc", List.of("angle")));
        ip.push(state(3, 0, 0.1, false), 0);
        ip.push(state(6, 0, 0.3 + 8 * Math.PI, false), 50);
        Interpolator.Entity e = ip.entities("npc", 50 + ip.delayMs() - 25).get(0);
        assertEquals(0.2, e.get(ANGLE), 0.01);
    }

    @Test
    void shouldRaiseTheDelayWhenArrivalsJitter() {
        Interpolator ip = new Interpolator(60, 3);
        double t = 0;
        for (int tick = 3; tick < 600; tick += 3) {
            t += tick % 2 == 0 ? 20 : 80;
            ip.push(state(tick, 0, 0, false), t);
        }
        assertTrue(ip.jitterMs() > 20, "jitter " + ip.jitterMs());
        assertTrue(ip.delayMs() > 100, "delay " + ip.delayMs());
    }

    @Test
    void shouldStampWhatItDraws() {
        Interpolator ip = new Interpolator(60, 3);
        assertEquals(ViewStamp.NONE, ip.stamp(0), "nothing drawn yet");
        assertNull(ip.bracket(0));
        assertTrue(ip.entities("npc", 0).isEmpty());
        double now = feed(ip);
        Interpolator.Bracket br = ip.bracket(now);
        assertEquals(3, br.a().tick());
        assertEquals(6, br.b().tick());
        assertEquals(0.25, br.t(), 1e-9);
        assertEquals(ViewStamp.of(3, 8), ip.stamp(now), "a quarter of the way from tick 3 to 6: q = 8");
        assertEquals(ViewStamp.of(9, 0), ip.stamp(now + 1000), "past the newest: the newest, q = 0");
        assertEquals(ViewStamp.of(3, 0), ip.stamp(now - 1000), "before the oldest: the oldest");
        assertEquals(ViewStamp.of(6, 0), ip.stamp(now + 50 * 31.8 / 32 - 12.5), "t rounding to 1 names b");
    }

    /** The local time at which {@code ip} draws server time {@code serverMs} (the JS test's drawing()). */
    private static double drawing(Interpolator ip, double serverMs) {
        return serverMs - ip.renderServerMs(0);
    }

    /** States at ticks 3, 6 and 9 (server times 50, 100 and 150 ms), each on time. */
    private static Interpolator three() {
        Interpolator ip = new Interpolator(60, 3);
        ip.push(state(3, 100, 0, false), 1000);
        ip.push(state(6, 110, 0, false), 1050);
        ip.push(state(9, 120, 0, false), 1100);
        return ip;
    }

    @Test
    void shouldStampZeroBeforeAnyStateAndTheOnlyStateWhateverTheTime() {
        Interpolator ip = new Interpolator(60, 3);
        assertEquals(0, ip.stamp(0));
        assertEquals(0, ip.stamp(1e6));
        ip.push(state(3, 100, 0, false), 1000);
        for (double nowMs : new double[] {0, 1000, drawing(ip, 50), 5000}) {
            assertEquals(ViewStamp.of(3, 0), ip.stamp(nowMs), "at " + nowMs);
        }
    }

    @Test
    void shouldStampTheEarlierStateOfTheBracketAndTheFactorIn32nds() {
        Interpolator ip = three();
        assertEquals(ViewStamp.of(3, 8), ip.stamp(drawing(ip, 50 + 12.5)), "a quarter of the way from tick 3 to 6");
        assertEquals(ViewStamp.of(6, 16), ip.stamp(drawing(ip, 100 + 25)), "half way from tick 6 to 9");
        assertEquals(ViewStamp.of(3, 1), ip.stamp(drawing(ip, 50 + 50 * 1.4 / 32)), "1.4/32 rounds down");
        assertEquals(ViewStamp.of(3, 2), ip.stamp(drawing(ip, 50 + 50 * 1.6 / 32)), "1.6/32 rounds up");
        assertEquals(ViewStamp.of(6, 0), ip.stamp(drawing(ip, 100)), "on a state: that state, q 0");
        assertEquals(ViewStamp.of(3, 31), ip.stamp(drawing(ip, 50 + 50 * 31.4 / 32)));
        assertEquals(ViewStamp.of(6, 0), ip.stamp(drawing(ip, 50 + 50 * 31.6 / 32)), "rounds to 32: the later state");
        assertEquals(ViewStamp.of(9, 0), ip.stamp(drawing(ip, 150)));
        assertEquals(ViewStamp.of(9, 0), ip.stamp(drawing(ip, 400)), "holding the newest");
        assertEquals(ViewStamp.of(3, 0), ip.stamp(drawing(ip, 20)), "before the oldest");
    }

    @Test
    void shouldStampWhatEntitiesDrawsTheSameBracket() {
        Interpolator ip = three();
        double nowMs = drawing(ip, 100 + 25);
        Interpolator.Bracket br = ip.bracket(nowMs);
        assertEquals(ViewStamp.of(br.a().tick(), (int) Math.round(br.t() * 32)), ip.stamp(nowMs));
        assertEquals(115, ip.entities("npc", nowMs).get(0).get(X), 1e-9);
    }

    @Test
    void shouldHoldAtMostMaxStatesAndStartAgainOnAnOlderTick() {
        Interpolator ip = new Interpolator(60, 3, 4, Map.of());
        for (int tick = 3; tick <= 30; tick += 3) {
            ip.push(state(tick, tick, 0, false), tick * 50 / 3.0);
        }
        assertEquals(4, ip.size());
        assertEquals(ViewStamp.of(21, 0), ip.stamp(-1e6), "the oldest held is tick 21");
        ip.push(state(3, 0, 0, false), 1e4);
        assertEquals(1, ip.size(), "a tick not above the last one is a new room");
        assertEquals(ViewStamp.of(3, 0), ip.stamp(1e4));
    }
}
