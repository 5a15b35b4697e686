package dev.tickcast.games.arenawide;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;

/**
 * The state Arena-Wide adds to the arena's tables ({@link dev.tickcast.games.arena.ArenaSchemas}
 * orb, npc and player, reused as they are): the room's top 10, a small table that every client
 * will receive whatever its distance once interest management is wired (the "global" table).
 */
public final class ArenaWideSchemas {
    /** The leaderboard: one row per rank, rank 1 first (rows are in rank order too). */
    public static final Schema LEADER = new Schema("leader");
    /** 1 for the highest score; ties go to the player who joined first (the lower entity id). */
    public static final Field LEADER_RANK = LEADER.intField("rank", false);
    /** The entity id of the player at this rank (its row in the player table), to highlight one's own. */
    public static final Field LEADER_PLAYER = LEADER.intField("player", false);
    /** That player's score. */
    public static final Field LEADER_SCORE = LEADER.intField("score", false);
    /** That player's name. */
    public static final Field LEADER_NAME = LEADER.stringField("name");

    static {
        LEADER.freeze();
    }

    private ArenaWideSchemas() {
    }
}
