package dev.tickcast.golden;

import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Table;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The "arena-moves" prediction vector: the float position of one arena player over 400 steps at
 * 60 Hz, with four inputs of 100 steps each. A client predictor with the arena's rules must
 * reproduce every position bit for bit (float arithmetic), which pins the JavaScript copy of the
 * rules to ArenaGame.
 */
final class ArenaMoves {
    static final long SEED = 99L;
    static final int STEPS = 400;
    static final int[] INPUTS = {ArenaInput.encode(1, 1, true), ArenaInput.encode(-1, 0, false),
        ArenaInput.encode(0, -1, true), ArenaInput.encode(1, -1, false)};
    static final String FILE = "predictions/arena-moves.json";

    private ArenaMoves() {
    }

    /** Adds the vector's file and returns its manifest entry. */
    static String write(Map<String, byte[]> files) {
        LocalRoom room = LocalRoom.create(ArenaGame.SPEC, SEED);
        room.join("p");
        Table players = room.world().table(2);
        StringBuilder json = new StringBuilder("{\"game\":\"arena\",\"tickHz\":").append(ArenaGame.SPEC.tickHz())
                .append(",\"inputs\":[");
        for (int i = 0; i < INPUTS.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"fromStep\":").append(i * 100 + 1).append(",\"input\":")
                    .append(INPUTS[i]).append('}');
        }
        json.append("],\n\"positions\":[\n");
        position(json, players);
        for (int t = 1; t <= STEPS; t++) {
            if (t % 100 == 1) {
                room.input(0, (byte) INPUTS[t / 100]);
            }
            room.step(1);
            json.append(",\n");
            position(json, players);
        }
        files.put(FILE, json.append("\n]}\n").toString().getBytes(StandardCharsets.UTF_8));
        return "{\"name\":\"arena-moves\",\"file\":" + Json.string(FILE) + "}";
    }

    private static void position(StringBuilder json, Table players) {
        json.append('[').append(players.getFloat(0, ArenaSchemas.PLAYER_X)).append(',')
                .append(players.getFloat(0, ArenaSchemas.PLAYER_Y)).append(']');
    }
}
