package dev.tickcast.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tickcast.server.Checks.atLeast;
import static dev.tickcast.server.Checks.between;

/**
 * The settings table: every setting of the server, declared once. {@link #ALL} lists them (this
 * class's, then {@link LimitSettings}' and {@link NetworkSettings}'); the command line
 * ({@code java -jar tickcast-server.jar --help}), the JSON form of {@link TickcastOptions} and its
 * {@link TickcastOptions#validate()} are built from it, and docs/OPERATIONS.md lists it.
 *
 * <p>A setting's JSON key is its name ({@link Setting#key()}, also the name of its getter on
 * {@link TickcastOptions}); an unknown key is refused, with the nearest known one suggested.
 */
public final class Settings {
    /** The listen address. */
    public static final Setting<String> HOST = Setting.of("host", SettingKind.STRING, "0.0.0.0")
            .flag("--host").label("ADDRESS").example("127.0.0.1").doc("Address to listen on.");
    /** The listen port. */
    public static final Setting<Integer> PORT = Setting.of("port", SettingKind.INT, TickcastOptions.DEFAULT_PORT)
            .flag("--port").check(between(0, 65_535)).doc("TCP port to listen on (0 = any free port).");
    /** Event loops. */
    public static final Setting<Integer> EVENT_LOOPS = Setting.of("eventLoops", SettingKind.INT,
                    2 * Runtime.getRuntime().availableProcessors())
            .flag("--event-loops").defaultText("two per core").unit("loops").check(atLeast(1))
            .doc("Event loops that accept sockets and host rooms.");
    /** The socket transport (the command line's Vert.x). */
    public static final Setting<String> TRANSPORT = Setting.of("transport", SettingKind.STRING, "epoll")
            .flag("--transport").label("NAME").example("nio").check(Checks.oneOf("epoll", "io_uring", "nio"))
            .doc("Socket transport: epoll (Netty's native epoll: fewer system calls per message than Java NIO), "
                    + "io_uring, or nio. A native transport that is not available on this machine falls back to NIO "
                    + "with a log line. Read by the command line, which builds the Vert.x (an embedder builds its own).");
    /** A folder of plug-in jars (the command line's class loader). */
    public static final Setting<String> PLUGINS = Setting.of("plugins", SettingKind.STRING, null)
            .flag("--plugins").label("DIR").normalize(Checks::emptyIsNone)
            .doc("A folder of plug-in jars (games and their verticles) to load besides the class path. Read by the "
                    + "command line (an embedder passes its own class loader to TickcastVerticle).");
    /** The games to host. */
    public static final Setting<List<String>> GAMES = Setting.of("games", SettingKind.STRINGS, List.<String>of())
            .flag("--game").label("NAME").defaultText("every game found").example(List.of("arena"))
            .doc("A game to host (repeatable).");
    /** Per-game overrides of the tick rate, the snapshot rate and the room size. */
    public static final Setting<Map<String, GameSettings>> GAME_SETTINGS = Setting.of("gameSettings",
                    new GameSettingsKind(), Map.<String, GameSettings>of())
            .flag(GameSettingsKind.flags()).defaultText("each game's own").check(GameSettingsKind::problem)
            .doc("Per-game overrides: in JSON {\"arena\": {\"tickHz\": 30, \"snapshotHz\": 10, \"maxPlayers\": 8}}, "
                    + "\"*\" for every hosted game (a game's own entry wins).");
    /** The first room's seed. */
    public static final Setting<Long> SEED = Setting.of("seed", SettingKind.LONG, 1L)
            .flag("--seed").doc("Seed of the first room; room n uses seed + n.");
    /** The seat reservation timeout. */
    public static final Setting<Long> SEAT_TIMEOUT_MS = Setting.of("seatTimeoutMs", SettingKind.LONG, 10_000L)
            .flag("--seat-timeout-ms").label("MS").unit("ms").check(atLeast(0))
            .doc("How long a reserved seat waits for its JOIN.");
    /** Whether the extensions' verticles are deployed. */
    public static final Setting<Boolean> DEPLOY_EXTENSIONS = Setting.of("deployExtensions", SettingKind.BOOL, true)
            .flag("--deploy-extensions")
            .doc("Deploy the verticles of the TickcastExtensions found (--no-deploy-extensions: host the games only).");
    /** Metrics on or off. */
    public static final Setting<Boolean> METRICS = Setting.of("metrics", SettingKind.BOOL, true)
            .flag("--metrics").doc("GET /metrics in the Prometheus text format, with Vert.x's HTTP, WebSocket and "
                    + "event-bus metrics (--no-metrics: off).");
    /** The metrics port. */
    public static final Setting<Integer> METRICS_PORT = Setting.of("metricsPort", SettingKind.INT, 0)
            .flag("--metrics-port").check(between(0, 65_535))
            .doc("Serve /metrics on this port of --host instead of the main port (0: the main port).");
    /** The admin token. */
    public static final Setting<String> ADMIN_TOKEN = Setting.of("adminToken", SettingKind.STRING, null)
            .flag("--admin-token").label("TOKEN").env("TICKCAST_ADMIN_TOKEN").defaultText("off")
            .normalize(Checks::emptyIsNone).check(Checks.minChars(TickcastOptions.MIN_ADMIN_TOKEN_CHARS))
            .example("an-admin-token-0123456789")
            .doc("Turns the admin page /admin and POST /admin/announce on for requests carrying this token "
                    + "(Authorization: Bearer, or Basic with the token as password); 16 characters or more. Prefer the "
                    + "environment variable TICKCAST_ADMIN_TOKEN: a flag shows in ps.");
    /** The public base URL. */
    public static final Setting<String> PUBLIC_URL = Setting.of("publicUrl", SettingKind.STRING, null)
            .flag("--public-url").label("URL").defaultText("from the request's Host; with --cluster: "
                    + "http://CLUSTER-HOST:PORT").normalize(u -> Checks.emptyIsNone(u.replaceAll("/+$", "")))
            .check(Checks.httpUrl()).example("https://eu1.example.com")
            .doc("This node's base URL as clients reach it, e.g. https://eu1.example.com or http://proxy:8000/node/a: "
                    + "matchmaking answers its /ws.");
    /** How many rooms GET /rooms lists. */
    public static final Setting<Integer> ROOMS_LIST_LIMIT = Setting.of("roomsListLimit", SettingKind.INT, 200)
            .flag("--rooms-list-limit").unit("rooms").check(atLeast(0))
            .doc("GET /rooms lists at most this many rooms (its X-Rooms-Total header gives the full count).");
    /** How long a GET /rooms answer is shared. */
    public static final Setting<Long> ROOMS_CACHE_MS = Setting.of("roomsCacheMs", SettingKind.LONG, 250L)
            .flag("--rooms-cache-ms").label("MS").unit("ms").check(between(0, 1_000))
            .doc("GET /rooms and GET /games serve one answer to every request for this long (0..1000 ms).");

    /** Every setting, in the order of the help and of docs/OPERATIONS.md. */
    public static final List<Setting<?>> ALL = all();

    private static final Map<String, Setting<?>> BY_KEY = byKey();

    private Settings() {
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(HOST, PORT, EVENT_LOOPS, TRANSPORT, PLUGINS, GAMES, GAME_SETTINGS,
                SEED, SEAT_TIMEOUT_MS, DEPLOY_EXTENSIONS, METRICS, METRICS_PORT, ADMIN_TOKEN, PUBLIC_URL,
                ROOMS_LIST_LIMIT, ROOMS_CACHE_MS));
        all.addAll(LimitSettings.ALL);
        all.addAll(NetworkSettings.ALL);
        all.addAll(AuthSettings.ALL);
        all.addAll(RecordSettings.ALL);
        return List.copyOf(all);
    }

    private static Map<String, Setting<?>> byKey() {
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            for (String key : keys(s)) {
                if (map.put(key, s) != null) {
                    throw new IllegalStateException("two settings named " + key);
                }
            }
        }
        return map;
    }

    private static List<String> keys(Setting<?> s) {
        List<String> keys = new ArrayList<>(List.of(s.key()));
        keys.addAll(s.aliases());
        return keys;
    }

    /** The setting whose JSON key (or documented older key) is {@code key}, or null. */
    public static Setting<?> find(String key) {
        return BY_KEY.get(key);
    }

    /** The refusal of an unknown JSON key, suggesting the nearest known one when there is one. */
    static String unknown(String key) {
        return unknown(key, List.copyOf(BY_KEY.keySet()));
    }

    /** The refusal of {@code key}, not among {@code known}, with the nearest of them if close enough. */
    static String unknown(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        boolean close = best != null && bestDistance <= Math.max(2, key.length() / 2);
        return "unknown setting '" + key + "'" + (close ? " (did you mean '" + best + "'?)" : "")
                + "; the settings are listed in docs/OPERATIONS.md";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
