package dev.tickcast.tanks.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wins and kills per player name across rounds, fed with the data of the game's
 * {@code round.over} events ({@code {"round", "winner", "scores": [{"name", "kills", "deaths"}]}})
 * and served as
 * <pre>{@code
 * {"rounds": 12, "players": [{"name": "ann", "wins": 4, "kills": 31, "deaths": 9, "rounds": 12}, ...]}
 * }</pre>
 * best first (wins, then kills, then name). A value of the wrong type is ignored, since events come
 * over the event bus. At most {@value #MAX_NAMES} names are kept; later names are not counted.
 * Not thread-safe: its verticle owns it.
 */
final class Leaderboard {
    /** The most player names remembered. */
    static final int MAX_NAMES = 10_000;

    private static final class Row {
        private final String name;
        private long wins;
        private long kills;
        private long deaths;
        private long rounds;

        private Row(String name) {
            this.name = name;
        }
    }

    private final Map<String, Row> rows = new HashMap<>();
    private long rounds;

    /** Counts one round's result. */
    void record(JsonObject data) {
        rounds++;
        if (data.getValue("scores") instanceof Iterable<?>) {
            for (Object score : data.getJsonArray("scores")) {
                recordScore(score);
            }
        }
        if (data.getValue("winner") instanceof String winner) {
            Row row = row(winner);
            if (row != null) {
                row.wins++;
            }
        }
    }

    private void recordScore(Object value) {
        JsonObject score = value instanceof JsonObject o ? o
                : value instanceof Map<?, ?> m ? new JsonObject(stringKeys(m)) : null;
        if (score == null || !(score.getValue("name") instanceof String name)) {
            return;
        }
        Row row = row(name);
        if (row != null) {
            row.rounds++;
            row.kills += score.getValue("kills") instanceof Number n ? n.longValue() : 0;
            row.deaths += score.getValue("deaths") instanceof Number n ? n.longValue() : 0;
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> copy = new HashMap<>();
        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private Row row(String name) {
        Row row = rows.get(name);
        if (row == null && rows.size() < MAX_NAMES) {
            row = new Row(name);
            rows.put(name, row);
        }
        return row;
    }

    /** The rounds counted so far. */
    long rounds() {
        return rounds;
    }

    /** The leaderboard as JSON, best first. */
    JsonObject toJson() {
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.<Row>comparingLong(r -> -r.wins).thenComparingLong(r -> -r.kills)
                .thenComparing(r -> r.name));
        JsonArray players = new JsonArray();
        for (Row r : sorted) {
            players.add(new JsonObject().put("name", r.name).put("wins", r.wins).put("kills", r.kills)
                    .put("deaths", r.deaths).put("rounds", r.rounds));
        }
        return new JsonObject().put("rounds", rounds).put("players", players);
    }
}
