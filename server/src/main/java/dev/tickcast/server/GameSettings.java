package dev.tickcast.server;

import dev.tickcast.game.GameSpec;
import io.vertx.core.json.JsonObject;

/**
 * An operator's overrides of one game's spec: tick rate, snapshot rate and room size; a null
 * field keeps the game's own value. Given on the command line ({@code --tick-hz arena=30}; without
 * {@code GAME=}, for every hosted game), in JSON ({@code "gameSettings": {"arena": {"tickHz": 30}}}, the
 * key {@code "*"} for every hosted game) or in {@link TickcastOptions#withGameSettings}.
 *
 * @param tickHz     simulation steps per second, or null
 * @param snapshotHz snapshots per second (must divide the tick rate), or null
 * @param maxPlayers players per room, or null
 */
public record GameSettings(Integer tickHz, Double snapshotHz, Integer maxPlayers) {
    /** No override. */
    public static final GameSettings NONE = new GameSettings(null, null, null);
    private static final java.util.List<String> KEYS = java.util.List.of("tickHz", "snapshotHz", "maxPlayers");

    /**
     * Reads {@code {"tickHz":30,"snapshotHz":10,"maxPlayers":8}} (every field optional); another key is
     * refused (IllegalArgumentException naming it).
     */
    public static GameSettings fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(Settings.unknown(key, KEYS));
            }
        }
        Number snapshot = json.getNumber("snapshotHz");
        return new GameSettings(json.getInteger("tickHz"), snapshot == null ? null : snapshot.doubleValue(),
                json.getInteger("maxPlayers"));
    }

    /** The JSON form of {@link #fromJson}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (tickHz != null) {
            json.put("tickHz", tickHz);
        }
        if (snapshotHz != null) {
            json.put("snapshotHz", snapshotHz);
        }
        if (maxPlayers != null) {
            json.put("maxPlayers", maxPlayers);
        }
        return json;
    }

    /** These settings with {@code other}'s non-null fields taking precedence. */
    public GameSettings with(GameSettings other) {
        return new GameSettings(other.tickHz != null ? other.tickHz : tickHz,
                other.snapshotHz != null ? other.snapshotHz : snapshotHz,
                other.maxPlayers != null ? other.maxPlayers : maxPlayers);
    }

    /**
     * {@code spec} with these overrides. A new tick rate keeps the game's snapshot rate when it
     * divides; otherwise IllegalArgumentException with a message naming the game, for the operator.
     */
    public GameSpec apply(GameSpec spec) {
        int tick = tickHz != null ? tickHz : spec.tickHz();
        double snapshot = snapshotHz != null ? snapshotHz : spec.snapshotHz();
        GameSpec out = tick == spec.tickHz() && snapshotHz == null ? spec : spec.rates(tick, snapshot);
        return maxPlayers != null ? out.maxPlayers(maxPlayers) : out;
    }
}
