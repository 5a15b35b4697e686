package dev.tickcast.tanks;

import dev.tickcast.state.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a round, as published on the event bus ({@value TankGame#ROUND_OVER_EVENT}):
 * <pre>{@code
 * {"round": 3, "winner": "ann" | null,
 *  "scores": [{"name": "ann", "kills": 5, "deaths": 1}, ...]}     best first
 * }</pre>
 * The winner is the tank with the most kills, if it has at least one and no other tank has as
 * many; otherwise the round is a draw and {@code winner} is null. Built once a round, so it may
 * allocate.
 */
final class RoundReport {
    private RoundReport() {
    }

    /** The event data of round {@code round}, from the tanks' current scores. */
    static Map<String, Object> of(int round, Table tanks) {
        List<Integer> rows = ranked(tanks);
        List<Map<String, Object>> scores = new ArrayList<>(rows.size());
        for (int row : rows) {
            scores.add(Map.of("name", tanks.getString(row, TankSchemas.TANK_NAME),
                    "kills", tanks.getInt(row, TankSchemas.TANK_KILLS),
                    "deaths", tanks.getInt(row, TankSchemas.TANK_DEATHS)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("round", round);
        data.put("winner", winner(tanks));
        data.put("scores", scores);
        return data;
    }

    /** The winner's name, or null for a draw (see the class comment). */
    static String winner(Table tanks) {
        List<Integer> rows = ranked(tanks);
        if (rows.isEmpty()) {
            return null;
        }
        int best = tanks.getInt(rows.get(0), TankSchemas.TANK_KILLS);
        boolean tie = rows.size() > 1 && tanks.getInt(rows.get(1), TankSchemas.TANK_KILLS) == best;
        return best > 0 && !tie ? tanks.getString(rows.get(0), TankSchemas.TANK_NAME) : null;
    }

    /** Rows by kills (most first), then deaths (fewest first), then name and seat: deterministic. */
    private static List<Integer> ranked(Table tanks) {
        List<Integer> rows = new ArrayList<>(tanks.size());
        for (int row = 0; row < tanks.size(); row++) {
            rows.add(row);
        }
        rows.sort(Comparator.<Integer>comparingInt(r -> -tanks.getInt(r, TankSchemas.TANK_KILLS))
                .thenComparingInt(r -> tanks.getInt(r, TankSchemas.TANK_DEATHS))
                .thenComparing(r -> tanks.getString(r, TankSchemas.TANK_NAME))
                .thenComparingInt(r -> tanks.getInt(r, TankSchemas.TANK_PLAYER)));
        return rows;
    }
}
