package dev.tickcast.games.arenawide;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.games.arena.ArenaConfig;
import dev.tickcast.games.arena.ArenaRules;

/**
 * Arena-Wide (ARENA-WIDE-SCENARIO.md), the reference workload for interest management: the arena's
 * rules ({@link ArenaRules}) in one big room, an 8000 x 8000 world with 4000 static orbs (eaten and
 * respawned with a new id), 512 NPCs on a random walk and up to {@link GameSpec#MAX_PLAYERS}
 * players spawned uniformly at random, moved by the same one-byte {@code ArenaInput}. Beside the
 * arena's tables {@code orb}, {@code npc} and {@code player}, a fourth table {@code leader}
 * ({@link ArenaWideSchemas#LEADER}) holds the room's top 10 (rank, player, score, name), rewritten
 * only where the ranking changed.
 *
 * <p>Eating stays cheap with a thousand players: orbs sit in a grid, so a step costs about
 * O(NPCs + players), and the leaderboard is recomputed, O(players), only in a step where some player
 * scored, joined or left.
 *
 * <p>Not hosted yet: {@link ArenaWideProvider} is deliberately absent from
 * META-INF/services, because without interest management every client would receive the whole
 * world (some 4,500 entities a snapshot, to each of a thousand players). It is registered once the
 * engine sends each client only what is near its player plus the leader table.
 */
public final class ArenaWideGame implements Game {
    /** How many players the leader table ranks. */
    public static final int LEADERS = 10;
    /** The Arena-Wide world: 8000 x 8000 units, 4000 orbs, 512 NPCs. */
    public static final ArenaConfig CONFIG = new ArenaConfig(8000f, 4000, 512);
    /** The registration: "arena-wide", 60 Hz ticks, 20 Hz snapshots, GameSpec.MAX_PLAYERS (1024) players a room, no page. */
    public static final GameSpec SPEC = GameSpec.of("arena-wide", ArenaWideGame::new)
            .rates(60, 20).maxPlayers(GameSpec.MAX_PLAYERS);

    private ArenaRules rules;
    private Leaderboard leaders;
    private boolean seatsChanged;

    @Override
    public void onCreate(RoomContext room) {
        rules = new ArenaRules(room, CONFIG);
        leaders = new Leaderboard(room.world().createTable(ArenaWideSchemas.LEADER), rules.players(), LEADERS);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        seatsChanged = true;
        return rules.join(playerId, player);
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        return rules.input(playerId, seq, input);
    }

    @Override
    public void step(int tick) {
        rules.step();
        if (seatsChanged || rules.playerScored()) {
            seatsChanged = false;
            leaders.refresh();
        }
    }

    @Override
    public void onLeave(int playerId) {
        seatsChanged = true;
        rules.leave(playerId);
    }
}
