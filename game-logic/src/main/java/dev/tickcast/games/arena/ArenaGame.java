package dev.tickcast.games.arena;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Table;

import java.util.SplittableRandom;

/**
 * The reference game of ARENA-SCENARIO.md: a 2000 x 2000 world with 300 static orbs, 32 NPCs on a
 * random walk and one body per player; eating an orb adds its value to the score and respawns it
 * elsewhere with a new id. Deterministic for a seed and a sequence of joins, inputs and leaves
 * (StrictMath, one SplittableRandom). Called on the room's thread only.
 */
public final class ArenaGame implements Game {
    /** The registration of the arena: 60 Hz ticks, 20 Hz snapshots, 16 players a room, played at /arena/. */
    public static final GameSpec SPEC = GameSpec.of("arena", ArenaGame::new)
            .rates(60, 20).maxPlayers(16).page("/arena/");

    static final float WORLD_SIZE = 2000f;
    static final int ORB_COUNT = 300;
    static final int NPC_COUNT = 32;
    static final float NPC_SPEED = 100f;
    static final float PLAYER_SPEED = 200f;
    static final float SPRINT_SPEED = 300f;
    static final float NPC_TURN = 0.2f;
    static final float MAX_RADIUS = 120f;
    private static final float DIAGONAL = (float) (1 / Math.sqrt(2));

    private float dtSeconds;
    private Table npcs;
    private Table players;
    private OrbField orbs;
    private SplittableRandom rng;
    private int[] playerEntity;
    private int[] playerInput;

    @Override
    public void onCreate(RoomContext room) {
        dtSeconds = room.dtSeconds();
        playerEntity = new int[room.maxPlayers()];
        playerInput = new int[room.maxPlayers()];
        java.util.Arrays.fill(playerEntity, -1);
        rng = new SplittableRandom(room.seed());
        orbs = new OrbField(room.world().createTable(ArenaSchemas.ORB), ORB_COUNT, WORLD_SIZE);
        npcs = room.world().createTable(ArenaSchemas.NPC);
        players = room.world().createTable(ArenaSchemas.PLAYER);
        orbs.spawnAll(rng);
        for (int i = 0; i < NPC_COUNT; i++) {
            int row = npcs.addRow();
            npcs.setFloat(row, ArenaSchemas.NPC_X, randomCoordinate());
            npcs.setFloat(row, ArenaSchemas.NPC_Y, randomCoordinate());
            npcs.setFloat(row, ArenaSchemas.NPC_ANGLE, (float) ((rng.nextDouble() * 2 - 1) * Math.PI));
            npcs.setFloat(row, ArenaSchemas.NPC_RADIUS, radius(0));
        }
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        int row = players.addRow();
        int id = players.id(row);
        players.setFloat(row, ArenaSchemas.PLAYER_X, randomCoordinate());
        players.setFloat(row, ArenaSchemas.PLAYER_Y, randomCoordinate());
        players.setFloat(row, ArenaSchemas.PLAYER_RADIUS, radius(0));
        players.setString(row, ArenaSchemas.PLAYER_NAME, player.name());
        playerEntity[playerId] = id;
        playerInput[playerId] = ArenaInput.encode(0, 0, false);
        return id;
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        int b = input.readUnsignedByte();
        if (!input.complete() || !ArenaInput.valid(b)) {
            return false;
        }
        playerInput[playerId] = b;
        int row = players.rowOf(playerEntity[playerId]);
        players.setInt(row, ArenaSchemas.PLAYER_LAST_INPUT_SEQ, seq);
        return true;
    }

    @Override
    public void step(int tick) {
        for (int row = 0; row < npcs.size(); row++) {
            stepNpc(row);
        }
        for (int p = 0; p < playerEntity.length; p++) {
            if (playerEntity[p] >= 0) {
                stepPlayer(players.rowOf(playerEntity[p]), playerInput[p]);
            }
        }
    }

    @Override
    public void onLeave(int playerId) {
        players.remove(playerEntity[playerId]);
        playerEntity[playerId] = -1;
    }

    private void stepNpc(int row) {
        float angle = npcs.getFloat(row, ArenaSchemas.NPC_ANGLE)
                + (float) ((rng.nextDouble() * 2 - 1) * NPC_TURN);
        float step = NPC_SPEED * dtSeconds;
        float x = npcs.getFloat(row, ArenaSchemas.NPC_X) + step * (float) StrictMath.cos(angle);
        float y = npcs.getFloat(row, ArenaSchemas.NPC_Y) + step * (float) StrictMath.sin(angle);
        if (x < 0 || x > WORLD_SIZE) {
            angle = (float) Math.PI - angle;
            x = clamp(x);
        }
        if (y < 0 || y > WORLD_SIZE) {
            angle = -angle;
            y = clamp(y);
        }
        npcs.setFloat(row, ArenaSchemas.NPC_ANGLE, wrapAngle(angle));
        npcs.setFloat(row, ArenaSchemas.NPC_X, x);
        npcs.setFloat(row, ArenaSchemas.NPC_Y, y);
        int score = npcs.getInt(row, ArenaSchemas.NPC_SCORE)
                + orbs.eat(x, y, npcs.getFloat(row, ArenaSchemas.NPC_RADIUS), rng);
        npcs.setInt(row, ArenaSchemas.NPC_SCORE, score);
        npcs.setFloat(row, ArenaSchemas.NPC_RADIUS, radius(score));
    }

    private void stepPlayer(int row, int input) {
        int dx = ArenaInput.dx(input);
        int dy = ArenaInput.dy(input);
        float speed = (ArenaInput.sprint(input) ? SPRINT_SPEED : PLAYER_SPEED) * dtSeconds;
        if (dx != 0 && dy != 0) {
            speed *= DIAGONAL;
        }
        float x = clamp(players.getFloat(row, ArenaSchemas.PLAYER_X) + dx * speed);
        float y = clamp(players.getFloat(row, ArenaSchemas.PLAYER_Y) + dy * speed);
        players.setFloat(row, ArenaSchemas.PLAYER_X, x);
        players.setFloat(row, ArenaSchemas.PLAYER_Y, y);
        int score = players.getInt(row, ArenaSchemas.PLAYER_SCORE)
                + orbs.eat(x, y, players.getFloat(row, ArenaSchemas.PLAYER_RADIUS), rng);
        players.setInt(row, ArenaSchemas.PLAYER_SCORE, score);
        players.setFloat(row, ArenaSchemas.PLAYER_RADIUS, radius(score));
    }

    private float randomCoordinate() {
        return (float) (rng.nextDouble() * WORLD_SIZE);
    }

    /** ARENA-SCENARIO v1.1: min(20 + score / 10, 120), so an old room does not fill with giants. */
    static float radius(int score) {
        return Math.min(20f + score / 10f, MAX_RADIUS);
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, WORLD_SIZE);
    }

    private static float wrapAngle(float a) {
        float twoPi = (float) (2 * Math.PI);
        if (a >= Math.PI) {
            return a - twoPi;
        }
        return a < -Math.PI ? a + twoPi : a;
    }
}
