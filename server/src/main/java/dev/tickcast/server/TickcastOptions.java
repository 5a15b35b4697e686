package dev.tickcast.server;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server settings, in the style of Vert.x options: fluent setters that return this, record-style
 * getters, and a JSON form ({@link #TickcastOptions(JsonObject)}, {@link #toJson()}) for a
 * verticle's config. Every setting, its JSON key, its command-line flag, its default and its check
 * are declared once in {@link Settings} (listed in docs/OPERATIONS.md); {@link #with(Setting, Object)}
 * sets any of them. A setter refuses a bad value at once (IllegalArgumentException, with the message
 * the command line prints); {@link #validate()} checks the settings that go together.
 * Build one, hand it to {@link TickcastVerticle}, and do not change it afterwards.
 *
 * <pre>{@code
 * vertx.deployVerticle(new TickcastVerticle(new TickcastOptions().withAddress("0.0.0.0", 8080)
 *         .withGames(List.of("arena", "tanks")).withGameSettings("arena", new GameSettings(30, 10.0, null))));
 * }</pre>
 */
public final class TickcastOptions extends OptionsView {
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The shortest admin token accepted: anything shorter can be guessed. */
    public static final int MIN_ADMIN_TOKEN_CHARS = 16;

    /** The defaults (see {@link #defaults()}). */
    public TickcastOptions() {
    }

    /**
     * Options from JSON, keyed by setting name as in {@link Settings} (for example
     * {@code {"port": 8443, "maxRooms": 100, "tlsCertPath": "cert.pem", "tlsKeyPath": "key.pem",
     * "gameSettings": {"arena": {"tickHz": 30}}}}); absent fields keep their defaults. An unknown key
     * or a bad value is refused (IllegalArgumentException naming it).
     */
    public TickcastOptions(JsonObject json) {
        OptionsJson.read(this, json);
    }

    /** The JSON form read by {@link #TickcastOptions(JsonObject)}: every setting that has a value. */
    public JsonObject toJson() {
        return OptionsJson.write(this);
    }

    /** The defaults: 0.0.0.0:8080, two loops per core, and the limits documented in docs/SECURITY.md. */
    public static TickcastOptions defaults() {
        return new TickcastOptions();
    }

    /**
     * Sets any setting of the table (null: back to its default); a bad value is refused with
     * IllegalArgumentException naming the setting.
     */
    public <T> TickcastOptions with(Setting<T> setting, T value) {
        put(setting, value);
        return this;
    }

    /**
     * Checks the settings that go together, as the command line and {@link TickcastVerticle} do
     * before starting: a cluster needs its secret, TLS a whole key pair, a public URL must be
     * http(s). Returns this; IllegalArgumentException with the operator's message otherwise.
     */
    public TickcastOptions validate() {
        OptionsValidation.validate(this);
        return this;
    }

    /**
     * Metrics at {@code GET /metrics} in the Prometheus text format (default on): on the main port,
     * or on {@code port} of the same host when it is positive (keep it off the public network).
     */
    public TickcastOptions withMetrics(boolean on, int port) {
        return with(Settings.METRICS, on).with(Settings.METRICS_PORT, port);
    }

    /**
     * Turns the admin page ({@code /admin}), its API and {@code POST /admin/announce} on, for
     * requests that carry this token ({@code Authorization: Bearer <token>}, or Basic with the token
     * as password); null or empty (the default) leaves them off (404). A token shorter than
     * {@link #MIN_ADMIN_TOKEN_CHARS} characters is refused (IllegalArgumentException).
     */
    public TickcastOptions withAdminToken(String token) {
        return with(Settings.ADMIN_TOKEN, token);
    }

    /** Hosts only these games of the plug-ins found (empty: every game found). */
    public TickcastOptions withGames(List<String> names) {
        return with(Settings.GAMES, names);
    }

    /**
     * Overrides a game's tick rate, snapshot rate or room size (merged with earlier overrides);
     * {@code "*"} overrides every hosted game (a game's own override wins).
     */
    public TickcastOptions withGameSettings(String game, GameSettings settings) {
        Map<String, GameSettings> all = new LinkedHashMap<>(gameSettings());
        all.merge(game, settings, GameSettings::with);
        return with(Settings.GAME_SETTINGS, all);
    }

    /** Whether {@link TickcastVerticle} deploys the verticles of {@link TickcastExtension}s found (default true). */
    public TickcastOptions withDeployExtensions(boolean deploy) {
        return with(Settings.DEPLOY_EXTENSIONS, deploy);
    }

    /** Listens on {@code h}:{@code p} (port 0: any free port). */
    public TickcastOptions withAddress(String h, int p) {
        return with(Settings.HOST, h).with(Settings.PORT, p);
    }

    /** Event loops that accept sockets and host rooms. */
    public TickcastOptions withEventLoops(int loops) {
        return with(Settings.EVENT_LOOPS, loops);
    }

    /** How long a reserved seat waits for its JOIN. */
    public TickcastOptions withSeatTimeoutMs(long ms) {
        return with(Settings.SEAT_TIMEOUT_MS, ms);
    }

    /** Bytes that may wait to be written to one client before it skips snapshots. */
    public TickcastOptions withWriteQueueMaxBytes(int bytes) {
        return with(LimitSettings.WRITE_QUEUE_MAX_BYTES, bytes);
    }

    /** The kernel send buffer of each client socket (0: the OS default, auto-tuned). */
    public TickcastOptions withSendBufferBytes(int bytes) {
        return with(LimitSettings.SEND_BUFFER_BYTES, bytes);
    }

    /** The seed of the first room; room n uses seed + n. */
    public TickcastOptions withSeed(long value) {
        return with(Settings.SEED, value);
    }

    /** Adds a browser origin (for example https://game.example.com) allowed to open the WebSocket and to matchmake. */
    public TickcastOptions allowOrigin(String origin) {
        return with(NetworkSettings.ALLOWED_ORIGINS, plus(allowedOrigins(), origin));
    }

    /** The per-connection token bucket for all client messages: refill rate and burst. */
    public TickcastOptions withMessageRate(double perSecond, int burst) {
        return with(LimitSettings.MESSAGES_PER_SECOND, perSecond).with(LimitSettings.MESSAGE_BURST, burst);
    }

    /** The per-connection token bucket for chat lines: refill rate and burst. */
    public TickcastOptions withChatRate(double perSecond, int burst) {
        return with(LimitSettings.CHAT_PER_SECOND, perSecond).with(LimitSettings.CHAT_BURST, burst);
    }

    /** The per-connection token bucket for game messages (GAME_SEND): refill rate and burst. */
    public TickcastOptions withGameMessageRate(double perSecond, int burst) {
        return with(LimitSettings.GAME_MESSAGES_PER_SECOND, perSecond).with(LimitSettings.GAME_MESSAGE_BURST, burst);
    }

    /** The per-remote-address token bucket for WebSocket handshakes: refill rate and burst. */
    public TickcastOptions withHandshakeRate(double perSecond, int burst) {
        return with(LimitSettings.HANDSHAKES_PER_SECOND, perSecond).with(LimitSettings.HANDSHAKE_BURST, burst);
    }

    /** The most WebSocket connections the process holds at once. */
    public TickcastOptions withMaxConnections(int max) {
        return with(LimitSettings.MAX_CONNECTIONS, max);
    }

    /** The most WebSocket connections one remote address holds at once (HTTP 429 past it). */
    public TickcastOptions withMaxConnectionsPerAddress(int max) {
        return with(LimitSettings.MAX_CONNECTIONS_PER_ADDRESS, max);
    }

    /** The most TCP connections that have not become WebSockets (HTTP requests in progress or idle); more are closed at once. */
    public TickcastOptions withMaxPendingConnections(int max) {
        return with(LimitSettings.MAX_PENDING_CONNECTIONS, max);
    }

    /** The most TCP connections from one address that have not become WebSockets; more are closed at once. */
    public TickcastOptions withMaxPendingConnectionsPerAddress(int max) {
        return with(LimitSettings.MAX_PENDING_CONNECTIONS_PER_ADDRESS, max);
    }

    /** How long an HTTP request's body may take to arrive, from the request's start (then 408 and close). */
    public TickcastOptions withHttpRequestTimeoutMs(long ms) {
        return with(LimitSettings.HTTP_REQUEST_TIMEOUT_MS, ms);
    }

    /** How long a WebSocket may stay without a valid JOIN before it is closed (4011). */
    public TickcastOptions withJoinDeadlineMs(long ms) {
        return with(LimitSettings.JOIN_DEADLINE_MS, ms);
    }

    /** How long an HTTP connection (not a WebSocket) may be silent: a half-sent request or an idle keep-alive. */
    public TickcastOptions withHttpIdleTimeoutMs(long ms) {
        return with(LimitSettings.HTTP_IDLE_TIMEOUT_MS, ms);
    }

    /** The per-remote-address token bucket for matchmaking requests (HTTP 429 past it): refill rate and burst. */
    public TickcastOptions withMatchmakeRate(double perSecond, int burst) {
        return with(LimitSettings.MATCHMAKES_PER_SECOND, perSecond).with(LimitSettings.MATCHMAKE_BURST, burst);
    }

    /** Reserved seats not claimed yet: at most this many per address (429) and in total (503). */
    public TickcastOptions withMaxUnclaimedSeats(int perAddress, int total) {
        return with(LimitSettings.MAX_UNCLAIMED_SEATS_PER_ADDRESS, perAddress)
                .with(LimitSettings.MAX_UNCLAIMED_SEATS, total);
    }

    /** The most rooms the process hosts; past it matchmaking that would create a room answers 503. */
    public TickcastOptions withMaxRooms(int max) {
        return with(LimitSettings.MAX_ROOMS, max);
    }

    /** Raises every per-address and matchmaking limit out of the way (load generators on one address). */
    public TickcastOptions withLoadTestLimits() {
        return withHandshakeRate(1e6, 1_000_000).withMaxConnections(1_000_000).withMaxConnectionsPerAddress(1_000_000)
                .withMatchmakeRate(1e6, 1_000_000).withMaxUnclaimedSeats(1_000_000, 1_000_000).withMaxRooms(1_000_000)
                .withMaxPendingConnections(1_000_000).withMaxPendingConnectionsPerAddress(1_000_000);
    }

    /** Server ping period and the silence after which a connection is closed. */
    public TickcastOptions withKeepAlive(long pingMs, long idleMs) {
        return with(LimitSettings.PING_INTERVAL_MS, pingMs).with(LimitSettings.IDLE_TIMEOUT_MS, idleMs);
    }

    /** How long a client may stay unable to take snapshots before it is closed. */
    public TickcastOptions withSlowConsumerTimeoutMs(long ms) {
        return with(LimitSettings.SLOW_CONSUMER_TIMEOUT_MS, ms);
    }

    /** How long a dropped player keeps its seat and entity for a reconnection. */
    public TickcastOptions withReconnectGraceMs(long ms) {
        return with(LimitSettings.RECONNECT_GRACE_MS, ms);
    }

    /** Serves https and wss with a PKCS#12 key store. */
    public TickcastOptions withTlsKeyStore(String path, String password) {
        return with(NetworkSettings.TLS_KEY_STORE, path).with(NetworkSettings.TLS_KEY_STORE_PASSWORD, password);
    }

    /** Serves https and wss with a PEM certificate chain and private key. */
    public TickcastOptions withTlsPem(String certPath, String keyPath) {
        return with(NetworkSettings.TLS_CERT_PATH, certPath).with(NetworkSettings.TLS_KEY_PATH, keyPath);
    }

    /**
     * The base URL under which clients reach this server (for example {@code https://eu1.example.com}
     * or {@code http://proxy:8000/node/a}): the matchmaker's {@code url} is its {@code /ws} (http
     * becomes ws, https wss) and {@code GET /rooms} names it as each room's {@code node}. Without it,
     * the URL is taken from the request's Host header. A cluster node needs one.
     */
    public TickcastOptions withPublicUrl(String url) {
        return with(Settings.PUBLIC_URL, url);
    }

    /**
     * The key of the HMAC that signs seat and reconnection tokens; every node of a cluster is given
     * the same one, so that a token can be verified on any node. Without it, each process draws a
     * random key at start (tokens do not survive a restart).
     */
    public TickcastOptions withSharedSecret(String secret) {
        return with(NetworkSettings.SHARED_SECRET, secret);
    }

    /**
     * A node of a cluster: its Vert.x is clustered (the command line's {@code --cluster} builds one;
     * an embedder builds its own), and {@link #validate()} then requires {@link #withSharedSecret}
     * and a public URL, as the command line does.
     */
    public TickcastOptions withCluster(boolean on) {
        return with(NetworkSettings.CLUSTER, on);
    }

    /**
     * A proxy address (an IP, as the TCP peer appears) whose {@code X-Forwarded-For} is believed:
     * the per-address limits then count the right-most address that is not a trusted proxy.
     * Requests from other peers are counted under the peer's address whatever they send.
     */
    public TickcastOptions trustProxy(String address) {
        return with(NetworkSettings.TRUSTED_PROXIES, plus(trustedProxies(), address));
    }

    /**
     * The per-address limits count an IPv6 client under its first {@code bits} bits (1..128; default
     * 64: one subscriber's share). IPv4 addresses, IPv4-mapped ones included, count one by one.
     */
    public TickcastOptions withIpv6Prefix(int bits) {
        return with(NetworkSettings.IPV6_PREFIX, bits);
    }

    /**
     * {@code GET /rooms} lists at most {@code limit} rooms (default 200; the {@code X-Rooms-Total}
     * header says how many there are) and serves one answer for up to {@code cacheMs} (0..1000,
     * default 250), however many ask; 0 still shares a build among the requests that arrive during it.
     */
    public TickcastOptions withRoomsListing(int limit, long cacheMs) {
        return with(Settings.ROOMS_LIST_LIMIT, limit).with(Settings.ROOMS_CACHE_MS, cacheMs);
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
