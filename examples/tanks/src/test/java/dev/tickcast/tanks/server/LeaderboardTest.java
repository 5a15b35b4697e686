package dev.tickcast.tanks.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaderboardTest {
    private static JsonObject round(String winner, Object... nameKills) {
        JsonArray scores = new JsonArray();
        for (int i = 0; i < nameKills.length; i += 2) {
            scores.add(new JsonObject().put("name", nameKills[i]).put("kills", nameKills[i + 1]).put("deaths", 1));
        }
        return new JsonObject().put("round", 1).put("winner", winner).put("scores", scores);
    }

    @Test
    void countsWinsAndKillsAcrossRoundsBestFirst() {
        Leaderboard board = new Leaderboard();
        board.record(round("ann", "ann", 5, "bob", 2));
        board.record(round(null, "ann", 1, "bob", 1));
        board.record(round("bob", "bob", 5, "cat", 0));
        board.record(round("bob", "bob", 3));
        JsonObject json = board.toJson();
        assertEquals(4, json.getLong("rounds"));
        List<String> names = json.getJsonArray("players").stream().map(o -> ((JsonObject) o).getString("name")).toList();
        assertEquals(List.of("bob", "ann", "cat"), names);
        JsonObject bob = json.getJsonArray("players").getJsonObject(0);
        assertEquals(new JsonObject().put("name", "bob").put("wins", 2L).put("kills", 11L).put("deaths", 4L)
                .put("rounds", 4L), bob);
    }

    @Test
    void ignoresValuesOfTheWrongType() {
        Leaderboard board = new Leaderboard();
        board.record(new JsonObject().put("winner", 3).put("scores", "none"));
        board.record(new JsonObject().put("scores", new JsonArray().add(7).add(new JsonObject().put("name", 1))
                .add(Map.of("name", "ann", "kills", "x"))));
        JsonObject json = board.toJson();
        assertEquals(2, json.getLong("rounds"));
        assertEquals(new JsonArray().add(new JsonObject().put("name", "ann").put("wins", 0L).put("kills", 0L)
                .put("deaths", 0L).put("rounds", 1L)), json.getJsonArray("players"));
    }
}
