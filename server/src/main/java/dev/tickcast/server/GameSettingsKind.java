package dev.tickcast.server;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operator's per-game overrides ({@link GameSettings} by game name; {@value #EVERY_GAME}: every
 * hosted game, a game's own entry winning). On the command line, three repeatable flags of the form
 * {@code [GAME=]VALUE}; in JSON, {@code {"arena": {"tickHz": 30}, "*": {"maxPlayers": 8}}}.
 */
final class GameSettingsKind extends SettingKind<Map<String, GameSettings>> {
    /** The key of the overrides that apply to every hosted game. */
    static final String EVERY_GAME = "*";

    private record Flag(String name, String label, String doc, Function<String, GameSettings> parse,
                        Function<GameSettings, Object> field) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("--tick-hz", "[GAME=]HZ", "Simulation rate of a game (GAME=HZ), or of every hosted game (HZ); "
                    + "the snapshot rate is kept when it divides the new rate (repeatable).",
                    v -> new GameSettings(Integer.parseInt(v), null, null), GameSettings::tickHz),
            new Flag("--snapshot-hz", "[GAME=]HZ", "Snapshots per second of a game (GAME=HZ) or of every hosted "
                    + "game (HZ); must divide the game's tick rate (repeatable).",
                    v -> new GameSettings(null, Double.parseDouble(v), null), GameSettings::snapshotHz),
            new Flag("--max-players", "[GAME=]N", "Room size of a game (GAME=N) or of every hosted game (N) "
                    + "(repeatable).", v -> new GameSettings(null, null, Integer.parseInt(v)), GameSettings::maxPlayers));

    /** The flags, as {@link Setting#flag()} shows them. */
    static String flags() {
        return String.join(", ", FLAGS.stream().map(Flag::name).toList());
    }

    @Override
    String label() {
        return "[GAME=]VALUE";
    }

    @Override
    Map<String, GameSettings> parse(Setting<Map<String, GameSettings>> s, String text) {
        throw new UnsupportedOperationException("per-game settings come from their three flags");
    }

    @Override
    Map<String, GameSettings> fromJson(Setting<Map<String, GameSettings>> s, Object raw) {
        if (!(raw instanceof JsonObject json)) {
            throw refused(s, "an object of settings by game, e.g. {\"arena\": {\"tickHz\": 30}}", raw);
        }
        Map<String, GameSettings> out = new LinkedHashMap<>();
        for (String game : json.fieldNames()) {
            if (!(json.getValue(game) instanceof JsonObject settings)) {
                throw refused(s, "an object of settings by game, e.g. {\"arena\": {\"tickHz\": 30}}", raw);
            }
            try {
                out.put(game, GameSettings.fromJson(settings));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException(s.describe() + " of " + game + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    Object toJson(Map<String, GameSettings> value) {
        JsonObject json = new JsonObject();
        value.forEach((game, settings) -> json.put(game, settings.toJson()));
        return json;
    }

    @Override
    String format(Map<String, GameSettings> value) {
        return toJson(value).toString();
    }

    @Override
    void addOptions(CommandSpec spec, Setting<Map<String, GameSettings>> s) {
        for (Flag flag : FLAGS) {
            spec.addOption(OptionSpec.builder(flag.name()).paramLabel(flag.label()).type(List.class)
                    .auxiliaryTypes(String.class).description(help(flag.doc(), s.defaultText())).build());
        }
    }

    /** The flags' overrides merged into {@code current}'s (a flag wins over the file), or null if none is given. */
    @Override
    Map<String, GameSettings> fromCli(ParseResult parsed, Setting<Map<String, GameSettings>> s,
                                      Map<String, GameSettings> current) {
        Map<String, GameSettings> out = new LinkedHashMap<>(current == null ? Map.of() : current);
        boolean any = false;
        for (Flag flag : FLAGS) {
            List<String> values = parsed.matchedOptionValue(flag.name(), List.of());
            for (String value : values) {
                int eq = value.indexOf('=');
                String game = eq < 0 ? EVERY_GAME : value.substring(0, eq);
                try {
                    out.merge(game, flag.parse().apply(value.substring(eq + 1).strip()), GameSettings::with);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag.name() + " " + value + ": not a number");
                }
                any = true;
            }
        }
        return any ? out : null;
    }

    @Override
    List<String> toArgs(Setting<Map<String, GameSettings>> s, Map<String, GameSettings> value) {
        List<String> args = new ArrayList<>();
        value.forEach((game, settings) -> {
            for (Flag flag : FLAGS) {
                Object field = flag.field().apply(settings);
                if (field != null) {
                    args.add(flag.name());
                    args.add((EVERY_GAME.equals(game) ? "" : game + "=") + field);
                }
            }
        });
        return args;
    }

    @Override
    Map<String, GameSettings> example(Map<String, GameSettings> defaultValue) {
        Map<String, GameSettings> out = new LinkedHashMap<>();
        out.put("arena", new GameSettings(30, 15.0, 4));
        out.put(EVERY_GAME, new GameSettings(null, null, 6));
        return out;
    }

    /** A refusal of a bad override (a rate or a size below 1), or null. */
    static String problem(Map<String, GameSettings> value) {
        for (Map.Entry<String, GameSettings> e : value.entrySet()) {
            GameSettings g = e.getValue();
            if (e.getKey().isBlank() || g.tickHz() != null && g.tickHz() < 1
                    || g.snapshotHz() != null && !(g.snapshotHz() > 0) || g.maxPlayers() != null && g.maxPlayers() < 1) {
                return "for '" + e.getKey() + "' must name a game (or " + EVERY_GAME + ") and give rates and a room "
                        + "size of 1 or more, not " + g.toJson().encode();
            }
        }
        return null;
    }
}
