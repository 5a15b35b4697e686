package dev.tickcast.games.arena;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;

/**
 * The arena's synchronised state (ARENA-SCENARIO.md): orbs, NPCs and players, also the first three
 * tables of Arena-Wide. Positions are sent to 0.1 unit, NPC headings to 0.1 radian (they are drawn
 * as a short line); fields that move steadily are linear (predicted), so a body in straight motion
 * costs nothing on the wire.
 */
public final class ArenaSchemas {
    /** Static pickups. */
    public static final Schema ORB = new Schema("orb");
    /** Orb x, 0..world size (2000 in the arena, 8000 in Arena-Wide). */
    public static final Field ORB_X = ORB.qfloat("x", 0.1f, false);
    /** Orb y, 0..world size. */
    public static final Field ORB_Y = ORB.qfloat("y", 0.1f, false);
    /** Score an eater gains, 1..5. */
    public static final Field ORB_VALUE = ORB.intField("value", false);

    /** Random-walking bots of the server. */
    public static final Schema NPC = new Schema("npc");
    /** NPC x. */
    public static final Field NPC_X = NPC.qfloat("x", 0.1f, true);
    /** NPC y. */
    public static final Field NPC_Y = NPC.qfloat("y", 0.1f, true);
    /** Heading in radians, in [-pi, pi). */
    public static final Field NPC_ANGLE = NPC.qfloat("angle", 0.1f, false);
    /** min(20 + score / 10, 120). */
    public static final Field NPC_RADIUS = NPC.qfloat("radius", 0.1f, false);
    /** Orb value eaten so far. */
    public static final Field NPC_SCORE = NPC.intField("score", false);

    /** One per connected player. */
    public static final Schema PLAYER = new Schema("player");
    /** Player x. */
    public static final Field PLAYER_X = PLAYER.qfloat("x", 0.1f, true);
    /** Player y. */
    public static final Field PLAYER_Y = PLAYER.qfloat("y", 0.1f, true);
    /** The last input sequence applied to this player (for prediction and reconciliation). */
    public static final Field PLAYER_LAST_INPUT_SEQ = PLAYER.intField("lastInputSeq", true);
    /** min(20 + score / 10, 120). */
    public static final Field PLAYER_RADIUS = PLAYER.qfloat("radius", 0.1f, false);
    /** Orb value eaten so far. */
    public static final Field PLAYER_SCORE = PLAYER.intField("score", false);
    /** Set once on join. */
    public static final Field PLAYER_NAME = PLAYER.stringField("name");

    static {
        ORB.freeze();
        NPC.freeze();
        PLAYER.freeze();
    }

    private ArenaSchemas() {
    }
}
