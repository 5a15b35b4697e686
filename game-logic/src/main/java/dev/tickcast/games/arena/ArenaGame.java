package dev.tickcast.games.arena;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;

/**
 * The reference game of ARENA-SCENARIO.md: a 2000 x 2000 world with 300 static orbs, 32 NPCs on a
 * random walk and one body per player; eating an orb adds its value to the score and respawns it
 * elsewhere with a new id. The rules are {@link ArenaRules}, shared with Arena-Wide. Deterministic
 * for a seed and a sequence of joins, inputs and leaves. Marks the lead changing hands and score
 * milestones in the room's recording ({@link ArenaMarks}). Called on the room's thread only.
 */
public final class ArenaGame implements Game {
    /** The registration of the arena: 60 Hz ticks, 20 Hz snapshots, 16 players a room, played at /arena/. */
    public static final GameSpec SPEC = GameSpec.of("arena", ArenaGame::new)
            .rates(60, 20).maxPlayers(16).page("/arena/");

    static final float WORLD_SIZE = 2000f;
    static final int ORB_COUNT = 300;
    static final int NPC_COUNT = 32;
    /** The arena's world: 2000 x 2000 units, 300 orbs, 32 NPCs. */
    public static final ArenaConfig CONFIG = new ArenaConfig(WORLD_SIZE, ORB_COUNT, NPC_COUNT);

    private ArenaRules rules;
    private ArenaMarks marks;

    @Override
    public void onCreate(RoomContext room) {
        rules = new ArenaRules(room, CONFIG);
        marks = new ArenaMarks(room, rules);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        marks.joined(playerId);
        return rules.join(playerId, player);
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        return rules.input(playerId, seq, input);
    }

    @Override
    public void step(int tick) {
        rules.step();
        marks.stepped(tick);
    }

    @Override
    public void onLeave(int playerId) {
        rules.leave(playerId);
    }

    /** ARENA-SCENARIO v1.1: min(20 + score / 10, 120), so an old room does not fill with giants. */
    static float radius(int score) {
        return ArenaRules.radius(score);
    }
}
