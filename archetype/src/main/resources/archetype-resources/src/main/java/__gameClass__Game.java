package ${package};

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * King of the hill. Players walk in a 100 x 100 square ({@code SIZE}); a player alone in the
 * zone scores a point for every second spent there (two or more in it contest it: nobody scores).
 * The zone jumps to a new place, picked with the room's seed, every 20 seconds ({@code ZONE_SECONDS}).
 *
 * <p>The engine calls every method on the room's thread, one at a time: no locks, and nothing that
 * blocks. Durations are in seconds and movements are scaled by the step's length, so the game plays
 * the same at any tick rate. The state that clients see lives in the two tables below.
 */
public final class ${gameClass}Game implements Game {
    /** How the server hosts the game: its name, 30 steps and 15 snapshots a second, 8 players a room, its page. */
    public static final GameSpec SPEC = GameSpec.of("${gameName}", ${gameClass}Game::new)
            .rates(30, 15).maxPlayers(8).page("/${gameName}/");

    /** The side of the square, in units. */
    public static final float SIZE = 100f;
    /** Walking speed, in units a second. */
    public static final float SPEED = 25f;
    /** The zone's radius. */
    public static final float ZONE_RADIUS = 12f;
    /** How long the zone stays in one place. */
    public static final int ZONE_SECONDS = 20;
    /** The event published when a player takes the zone alone (data: name, score). */
    public static final String ZONE_TAKEN_EVENT = "zone.taken";

    /** Input bits (one byte a tick; any other bit is a malformed input). */
    public static final int LEFT = 1;
    /** Walk towards +x. */
    public static final int RIGHT = 2;
    /** Walk towards -y (up on the page). */
    public static final int UP = 4;
    /** Walk towards +y. */
    public static final int DOWN = 8;

    /** One row per player. Positions go to 0.1 unit and are linear: steady walking costs no bits. */
    public static final Schema PLAYER = new Schema("player");
    /** The x coordinate, 0 to {@code SIZE}. */
    public static final Field PLAYER_X = PLAYER.qfloat("x", 0.1f, true);
    /** The y coordinate. */
    public static final Field PLAYER_Y = PLAYER.qfloat("y", 0.1f, true);
    /** Points: seconds held alone in the zone. */
    public static final Field PLAYER_SCORE = PLAYER.intField("score", false);
    /** The player's seat (player id). */
    public static final Field PLAYER_SEAT = PLAYER.intField("seat", false);
    /** The name shown to everyone: the identity's (a verified claim, or what a guest typed). */
    public static final Field PLAYER_NAME = PLAYER.stringField("name");

    /** The zone: a single row. */
    public static final Schema ZONE = new Schema("zone");
    /** The zone's centre x. */
    public static final Field ZONE_X = ZONE.qfloat("x", 0.1f, false);
    /** The zone's centre y. */
    public static final Field ZONE_Y = ZONE.qfloat("y", 0.1f, false);
    /** The seat of the player holding the zone alone, or -1. */
    public static final Field ZONE_HOLDER = ZONE.intField("holder", false);

    static {
        PLAYER.freeze();
        ZONE.freeze();
    }

    private RoomContext room;
    private SplittableRandom random;
    private Table players;
    private Table zone;
    private int[] entity;
    private int[] input;
    private int[] ticksHeld;
    private int zoneTicks;

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        random = new SplittableRandom(context.seed());
        players = context.world().createTable(PLAYER);
        zone = context.world().createTable(ZONE);
        entity = new int[context.maxPlayers()];
        Arrays.fill(entity, -1);
        input = new int[context.maxPlayers()];
        ticksHeld = new int[context.maxPlayers()];
        zoneTicks = ZONE_SECONDS * context.tickHz();
        int row = zone.addRow();
        zone.setFloat(row, ZONE_X, SIZE / 2);
        zone.setFloat(row, ZONE_Y, SIZE / 2);
        zone.setInt(row, ZONE_HOLDER, -1);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        // player.subject() is the account behind a verified token (null for a guest): key what it owns by it
        int row = players.addRow();
        players.setFloat(row, PLAYER_X, random.nextInt((int) SIZE + 1));
        players.setFloat(row, PLAYER_Y, random.nextInt((int) SIZE + 1));
        players.setInt(row, PLAYER_SEAT, playerId);
        players.setString(row, PLAYER_NAME, player.name());
        entity[playerId] = players.id(row);
        input[playerId] = 0;
        ticksHeld[playerId] = 0;
        return entity[playerId];
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader in) {
        int bits = in.readUnsignedByte();
        if (!in.complete() || bits > (LEFT | RIGHT | UP | DOWN)) {
            return false;
        }
        input[playerId] = bits;
        return true;
    }

    @Override
    public boolean onServerMessage(Map<String, Object> message) {
        if (!"moveZone".equals(message.get("action"))) {
            return false;
        }
        moveZone();
        return true;
    }

    @Override
    public void step(int tick) {
        float d = SPEED * room.dtSeconds();
        for (int p = 0; p < entity.length; p++) {
            if (entity[p] >= 0) {
                walk(players.rowOf(entity[p]), input[p], d);
            }
        }
        score();
        if (tick % zoneTicks == 0) {
            moveZone();
        }
    }

    @Override
    public void onLeave(int playerId) {
        players.remove(entity[playerId]);
        entity[playerId] = -1;
        if (zone.getInt(0, ZONE_HOLDER) == playerId) {
            zone.setInt(0, ZONE_HOLDER, -1);
        }
    }

    private void walk(int row, int bits, float d) {
        float dx = ((bits & RIGHT) != 0 ? d : 0) - ((bits & LEFT) != 0 ? d : 0);
        float dy = ((bits & DOWN) != 0 ? d : 0) - ((bits & UP) != 0 ? d : 0);
        players.setFloat(row, PLAYER_X, clamp(players.getFloat(row, PLAYER_X) + dx));
        players.setFloat(row, PLAYER_Y, clamp(players.getFloat(row, PLAYER_Y) + dy));
    }

    /** The one player in the zone, if alone, holds it and scores a point for every second held. */
    private void score() {
        int inside = -1;
        int count = 0;
        for (int p = 0; p < entity.length; p++) {
            if (entity[p] >= 0 && inZone(players.rowOf(entity[p]))) {
                inside = p;
                count++;
            }
        }
        int holder = count == 1 ? inside : -1;
        if (holder >= 0 && ++ticksHeld[holder] % room.tickHz() == 0) {
            int row = players.rowOf(entity[holder]);
            players.setInt(row, PLAYER_SCORE, players.getInt(row, PLAYER_SCORE) + 1);
        }
        if (holder >= 0 && holder != zone.getInt(0, ZONE_HOLDER)) {
            int row = players.rowOf(entity[holder]);
            room.publish(ZONE_TAKEN_EVENT, Map.of("name", players.getString(row, PLAYER_NAME),
                    "score", players.getInt(row, PLAYER_SCORE)));
        }
        zone.setInt(0, ZONE_HOLDER, holder);
    }

    private boolean inZone(int row) {
        float dx = players.getFloat(row, PLAYER_X) - zone.getFloat(0, ZONE_X);
        float dy = players.getFloat(row, PLAYER_Y) - zone.getFloat(0, ZONE_Y);
        return dx * dx + dy * dy <= ZONE_RADIUS * ZONE_RADIUS;
    }

    private void moveZone() {
        int span = (int) (SIZE - 2 * ZONE_RADIUS);
        zone.setFloat(0, ZONE_X, ZONE_RADIUS + random.nextInt(span + 1));
        zone.setFloat(0, ZONE_Y, ZONE_RADIUS + random.nextInt(span + 1));
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(SIZE, v));
    }
}
