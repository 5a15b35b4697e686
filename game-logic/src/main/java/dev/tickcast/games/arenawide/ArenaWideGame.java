package dev.tickcast.games.arenawide;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.games.arena.ArenaConfig;
import dev.tickcast.games.arena.ArenaRules;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Table;

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
 * <p>Interest: a grid of {@link #CELL_SIZE} cells; orbs, NPCs and players are positioned, the leader
 * table is global; each player sees a circle of {@link #VIEW_RADIUS} around its body, set every step.
 *
 * <p>A scoring weapon that changes nothing ({@code Weapon}, docs/PROTOCOL.md 11) lets the bench probe
 * lag compensation: a shot is tested in the world as the shooter saw it, or in the present.
 */
public final class ArenaWideGame implements Game {
    /** How many players the leader table ranks. */
    public static final int LEADERS = 10;
    /** The Arena-Wide world: 8000 x 8000 units, 4000 orbs, 512 NPCs. */
    public static final ArenaConfig CONFIG = new ArenaConfig(8000f, 4000, 512);
    /**
     * The registration: "arena-wide", 60 Hz ticks, 20 Hz snapshots, GameSpec.MAX_PLAYERS (1024) players a room, and its
     * browser page /arena-wide/ (client-demo's webroot: the arena's view with a camera, a minimap and the leader table).
     */
    public static final GameSpec SPEC = GameSpec.of("arena-wide", ArenaWideGame::new)
            .rates(60, 20).maxPlayers(GameSpec.MAX_PLAYERS).page("/arena-wide/");

    /**
     * Scores move the leader table at most every two seconds (joins and leaves at once): at a
     * thousand players the top ten's scores change every step, and every client receives the table
     * (once a second it cost about 45 B per client per second more; bench/results/arena-wide/).
     */
    public static final int LEADER_REFRESH_TICKS = 120;
    /** What a player sees: everything whose centre is within this distance of its own (ARENA-WIDE-SCENARIO.md). */
    public static final double VIEW_RADIUS = 600;
    /** The side of a cell of the interest grid. */
    public static final double CELL_SIZE = 300;
    /** Both hysteresis margins (an entity's home, a view's subscriptions), about S / 25. */
    public static final double MARGIN = 12;

    private ArenaRules rules;
    private Leaderboard leaders;
    private Views views;
    private Weapon weapon;
    private boolean seatsChanged;
    private boolean scoresChanged;
    private int refreshedAt;

    @Override
    public void onCreate(RoomContext room) {
        rules = new ArenaRules(room, CONFIG);
        Table leader = room.world().createTable(ArenaWideSchemas.LEADER);
        leaders = new Leaderboard(leader, rules.players(), LEADERS);
        views = room.interest(InterestSpec.builder()
                .grid(CELL_SIZE, CONFIG.worldSize(), CONFIG.worldSize())
                .positioned(rules.orbs(), ArenaSchemas.ORB_X, ArenaSchemas.ORB_Y)
                .positioned(rules.npcs(), ArenaSchemas.NPC_X, ArenaSchemas.NPC_Y)
                .positioned(rules.players(), ArenaSchemas.PLAYER_X, ArenaSchemas.PLAYER_Y)
                .homeMargin(MARGIN).unsubscribeMargin(MARGIN)
                .global(leader)
                .bodyOnly(rules.players(), ArenaSchemas.PLAYER_LAST_INPUT_SEQ)
                .build());
        weapon = new Weapon(room, rules);
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

    /**
     * Takes the scoring weapon's shots (GAME_SEND type 1, docs/PROTOCOL.md 11: the bench's probe of lag
     * compensation), answered to the shooter alone; refuses any other type.
     */
    @Override
    public boolean onMessage(int playerId, int type, InputReader payload) {
        return type == Weapon.SHOOT && weapon.shoot(playerId, payload);
    }

    @Override
    public void step(int tick) {
        rules.step();
        scoresChanged |= rules.playerScored();
        if (seatsChanged || (scoresChanged && tick - refreshedAt >= LEADER_REFRESH_TICKS)) {
            seatsChanged = false;
            scoresChanged = false;
            refreshedAt = tick;
            leaders.refresh();
        }
        Table players = rules.players();
        for (int p = 0; p < views.maxViewers(); p++) {
            int entity = rules.entityOf(p);
            if (entity >= 0) {
                int row = players.rowOf(entity);
                views.setCircle(p, players.getFloat(row, ArenaSchemas.PLAYER_X), players.getFloat(row, ArenaSchemas.PLAYER_Y),
                        VIEW_RADIUS);
            }
        }
    }

    @Override
    public void onLeave(int playerId) {
        seatsChanged = true;
        views.clear(playerId);
        rules.leave(playerId);
    }
}
