package dev.tickcast.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server settings, in the style of Vert.x options: fluent setters that return this, record-style
 * getters, and a JSON form ({@link #TickcastOptions(JsonObject)}, {@link #toJson()}) for a
 * verticle's config. Build one, hand it to {@link TickcastVerticle}, and do not change it afterwards.
 *
 * <pre>{@code
 * vertx.deployVerticle(new TickcastVerticle(new TickcastOptions().withAddress("0.0.0.0", 8080)
 *         .withGames(List.of("arena", "tanks")).withGameSettings("arena", new GameSettings(30, 10.0, null))));
 * }</pre>
 */
public final class TickcastOptions {
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The shortest admin token accepted: anything shorter can be guessed. */
    public static final int MIN_ADMIN_TOKEN_CHARS = 16;

    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
    private long seatTimeoutMs = 10_000;
    private int writeQueueMaxBytes = 64 * 1024;
    private int sendBufferBytes;
    private long seed = 1;
    private final List<String> allowedOrigins = new ArrayList<>();
    private double messagesPerSecond = 60;
    private int messageBurst = 120;
    private double chatPerSecond = 2;
    private int chatBurst = 5;
    private double gameMessagesPerSecond = 20;
    private int gameMessageBurst = 40;
    private double handshakesPerSecondPerAddress = 50;
    private int handshakeBurstPerAddress = 200;
    private int maxConnections = 10_000;
    private int maxConnectionsPerAddress = 64;
    private int maxPendingConnections = 2_000;
    private int maxPendingConnectionsPerAddress = 64;
    private long httpRequestTimeoutMs = 10_000;
    private long joinDeadlineMs = 5_000;
    private long httpIdleTimeoutMs = 10_000;
    private double matchmakesPerSecondPerAddress = 5;
    private int matchmakeBurstPerAddress = 20;
    private int maxUnclaimedSeatsPerAddress = 16;
    private int maxUnclaimedSeats = 5_000;
    private int maxRooms = 2_000;
    private long pingIntervalMs = 5_000;
    private long idleTimeoutMs = 15_000;
    private long slowConsumerTimeoutMs = 10_000;
    private long reconnectGraceMs = 15_000;
    private String tlsKeyStore;
    private String tlsKeyStorePassword;
    private String tlsCertPath;
    private String tlsKeyPath;
    private final List<String> games = new ArrayList<>();
    private final Map<String, GameSettings> gameSettings = new LinkedHashMap<>();
    private boolean deployExtensions = true;
    private boolean metrics = true;
    private int metricsPort;
    private String publicUrl;
    private String sharedSecret;
    private final List<String> trustedProxies = new ArrayList<>();
    private int ipv6Prefix = 64;
    private int roomsListLimit = 200;
    private long roomsCacheMs = 250;
    private String adminToken;

    /** The defaults (see {@link #defaults()}). */
    public TickcastOptions() {
    }

    /**
     * Options from JSON; absent fields keep their defaults. Fields: host, port, eventLoops, seed,
     * seatTimeoutMs, maxConnections, handshakesPerSecond, allowOrigins (array), games (array of
     * names), gameSettings ({"arena": {"tickHz":30,"snapshotHz":10,"maxPlayers":16}}), deployExtensions,
     * metrics (boolean), metricsPort, adminToken, publicUrl, sharedSecret, trustedProxies (array).
     */
    public TickcastOptions(JsonObject json) {
        host = json.getString("host", host);
        port = json.getInteger("port", port);
        eventLoops = json.getInteger("eventLoops", eventLoops);
        seed = json.getLong("seed", seed);
        seatTimeoutMs = json.getLong("seatTimeoutMs", seatTimeoutMs);
        maxConnections = json.getInteger("maxConnections", maxConnections);
        double hs = json.getDouble("handshakesPerSecond", handshakesPerSecondPerAddress);
        withHandshakeRate(hs, (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4 * hs)));
        deployExtensions = json.getBoolean("deployExtensions", deployExtensions);
        metrics = json.getBoolean("metrics", metrics);
        metricsPort = json.getInteger("metricsPort", metricsPort);
        withAdminToken(json.getString("adminToken", adminToken));
        withPublicUrl(json.getString("publicUrl", publicUrl));
        sharedSecret = json.getString("sharedSecret", sharedSecret);
        json.getJsonArray("trustedProxies", new JsonArray()).forEach(p -> trustedProxies.add((String) p));
        json.getJsonArray("allowOrigins", new JsonArray()).forEach(o -> allowedOrigins.add((String) o));
        json.getJsonArray("games", new JsonArray()).forEach(g -> games.add((String) g));
        JsonObject settings = json.getJsonObject("gameSettings", new JsonObject());
        for (String game : settings.fieldNames()) {
            gameSettings.put(game, GameSettings.fromJson(settings.getJsonObject(game)));
        }
    }

    /** The JSON form read by {@link #TickcastOptions(JsonObject)}. */
    public JsonObject toJson() {
        JsonObject settings = new JsonObject();
        gameSettings.forEach((game, s) -> settings.put(game, s.toJson()));
        return new JsonObject().put("host", host).put("port", port).put("eventLoops", eventLoops).put("seed", seed)
                .put("seatTimeoutMs", seatTimeoutMs).put("maxConnections", maxConnections)
                .put("handshakesPerSecond", handshakesPerSecondPerAddress).put("deployExtensions", deployExtensions)
                .put("allowOrigins", new JsonArray(allowedOrigins)).put("games", new JsonArray(games))
                .put("gameSettings", settings).put("metrics", metrics).put("metricsPort", metricsPort)
                .put("adminToken", adminToken).put("publicUrl", publicUrl).put("sharedSecret", sharedSecret)
                .put("trustedProxies", new JsonArray(new ArrayList<>(trustedProxies)));
    }

    /**
     * Metrics at {@code GET /metrics} in the Prometheus text format (default on): on the main port,
     * or on {@code port} of the same host when it is positive (keep it off the public network).
     */
    public TickcastOptions withMetrics(boolean on, int port) {
        metrics = on;
        metricsPort = port;
        return this;
    }

    /**
     * Turns the admin page ({@code /admin}), its API and {@code POST /admin/announce} on, for
     * requests that carry this token ({@code Authorization: Bearer <token>}, or Basic with the token
     * as password); null (the default) leaves them off (404). A token shorter than
     * {@link #MIN_ADMIN_TOKEN_CHARS} characters is refused (IllegalArgumentException).
     */
    public TickcastOptions withAdminToken(String token) {
        if (token != null && !token.isEmpty() && token.length() < MIN_ADMIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("the admin token (--admin-token or TICKCAST_ADMIN_TOKEN) must be "
                    + MIN_ADMIN_TOKEN_CHARS + " characters or more, not " + token.length());
        }
        adminToken = token == null || token.isEmpty() ? null : token;
        return this;
    }

    /** True if metrics are on. */
    public boolean metrics() {
        return metrics;
    }

    /** The metrics port; 0: the main port. */
    public int metricsPort() {
        return metricsPort;
    }

    /** The admin token, or null when the admin page is off. */
    public String adminToken() {
        return adminToken;
    }

    /** Hosts only these games of the plug-ins found (empty: every game found). */
    public TickcastOptions withGames(List<String> names) {
        games.clear();
        games.addAll(names);
        return this;
    }

    /** Overrides a game's tick rate, snapshot rate or room size (merged with earlier overrides). */
    public TickcastOptions withGameSettings(String game, GameSettings settings) {
        gameSettings.merge(game, settings, GameSettings::with);
        return this;
    }

    /** Whether {@link TickcastVerticle} deploys the verticles of {@link TickcastExtension}s found (default true). */
    public TickcastOptions withDeployExtensions(boolean deploy) {
        deployExtensions = deploy;
        return this;
    }

    /** The games to host, by name; empty: every game found. */
    public List<String> games() {
        return List.copyOf(games);
    }

    /** The operator's overrides by game name. */
    public Map<String, GameSettings> gameSettings() {
        return Map.copyOf(gameSettings);
    }

    /** True if extension verticles are deployed. */
    public boolean deployExtensions() {
        return deployExtensions;
    }

    /** The defaults: 0.0.0.0:8080, two loops per core, and the limits documented in docs/SECURITY.md. */
    public static TickcastOptions defaults() {
        return new TickcastOptions();
    }

    /** Listens on {@code h}:{@code p} (port 0: any free port). */
    public TickcastOptions withAddress(String h, int p) {
        host = h;
        port = p;
        return this;
    }

    /** Event loops that accept sockets and host rooms. */
    public TickcastOptions withEventLoops(int loops) {
        eventLoops = loops;
        return this;
    }

    /** How long a reserved seat waits for its JOIN. */
    public TickcastOptions withSeatTimeoutMs(long ms) {
        seatTimeoutMs = ms;
        return this;
    }

    /** Bytes that may wait to be written to one client before it skips snapshots. */
    public TickcastOptions withWriteQueueMaxBytes(int bytes) {
        writeQueueMaxBytes = bytes;
        return this;
    }

    /** The kernel send buffer of each client socket (0: the OS default, auto-tuned). */
    public TickcastOptions withSendBufferBytes(int bytes) {
        sendBufferBytes = bytes;
        return this;
    }

    /** The seed of the first room; room n uses seed + n. */
    public TickcastOptions withSeed(long value) {
        seed = value;
        return this;
    }

    /**
     * Adds a browser origin (for example https://game.example.com) allowed to open the WebSocket and
     * to matchmake.
     */
    public TickcastOptions allowOrigin(String origin) {
        allowedOrigins.add(origin);
        return this;
    }

    /** The per-connection token bucket for all client messages: refill rate and burst. */
    public TickcastOptions withMessageRate(double perSecond, int burst) {
        messagesPerSecond = perSecond;
        messageBurst = burst;
        return this;
    }

    /** The per-connection token bucket for chat lines: refill rate and burst. */
    public TickcastOptions withChatRate(double perSecond, int burst) {
        chatPerSecond = perSecond;
        chatBurst = burst;
        return this;
    }

    /** The per-connection token bucket for game messages (GAME_SEND): refill rate and burst. */
    public TickcastOptions withGameMessageRate(double perSecond, int burst) {
        gameMessagesPerSecond = perSecond;
        gameMessageBurst = burst;
        return this;
    }

    /** The per-remote-address token bucket for WebSocket handshakes: refill rate and burst. */
    public TickcastOptions withHandshakeRate(double perSecond, int burst) {
        handshakesPerSecondPerAddress = perSecond;
        handshakeBurstPerAddress = burst;
        return this;
    }

    /** The most WebSocket connections the process holds at once. */
    public TickcastOptions withMaxConnections(int max) {
        maxConnections = max;
        return this;
    }

    /** The most WebSocket connections one remote address holds at once (HTTP 429 past it). */
    public TickcastOptions withMaxConnectionsPerAddress(int max) {
        maxConnectionsPerAddress = max;
        return this;
    }

    /** The most TCP connections that have not become WebSockets (HTTP requests in progress or idle); more are closed at once. */
    public TickcastOptions withMaxPendingConnections(int max) {
        maxPendingConnections = max;
        return this;
    }

    /** The most TCP connections from one address that have not become WebSockets; more are closed at once. */
    public TickcastOptions withMaxPendingConnectionsPerAddress(int max) {
        maxPendingConnectionsPerAddress = max;
        return this;
    }

    /**
     * How long an HTTP request's body may take to arrive, from the request's start: past it the
     * connection is closed (after a 408 if nothing was answered yet).
     */
    public TickcastOptions withHttpRequestTimeoutMs(long ms) {
        httpRequestTimeoutMs = ms;
        return this;
    }

    /** How long a WebSocket may stay without a valid JOIN before it is closed (4011). */
    public TickcastOptions withJoinDeadlineMs(long ms) {
        joinDeadlineMs = ms;
        return this;
    }

    /** How long an HTTP connection (not a WebSocket) may be silent: a half-sent request or an idle keep-alive. */
    public TickcastOptions withHttpIdleTimeoutMs(long ms) {
        httpIdleTimeoutMs = ms;
        return this;
    }

    /** The per-remote-address token bucket for matchmaking requests (HTTP 429 past it): refill rate and burst. */
    public TickcastOptions withMatchmakeRate(double perSecond, int burst) {
        matchmakesPerSecondPerAddress = perSecond;
        matchmakeBurstPerAddress = burst;
        return this;
    }

    /** Reserved seats not claimed yet: at most this many per address (429) and in total (503). */
    public TickcastOptions withMaxUnclaimedSeats(int perAddress, int total) {
        maxUnclaimedSeatsPerAddress = perAddress;
        maxUnclaimedSeats = total;
        return this;
    }

    /** The most rooms the process hosts; past it matchmaking that would create a room answers 503. */
    public TickcastOptions withMaxRooms(int max) {
        maxRooms = max;
        return this;
    }

    /** Raises every per-address and matchmaking limit out of the way (load generators on one address). */
    public TickcastOptions withLoadTestLimits() {
        return withHandshakeRate(1e6, 1_000_000).withMaxConnections(1_000_000).withMaxConnectionsPerAddress(1_000_000)
                .withMatchmakeRate(1e6, 1_000_000).withMaxUnclaimedSeats(1_000_000, 1_000_000).withMaxRooms(1_000_000)
                .withMaxPendingConnections(1_000_000).withMaxPendingConnectionsPerAddress(1_000_000);
    }

    /** Server ping period and the silence after which a connection is closed. */
    public TickcastOptions withKeepAlive(long pingMs, long idleMs) {
        pingIntervalMs = pingMs;
        idleTimeoutMs = idleMs;
        return this;
    }

    /** How long a client may stay unable to take snapshots before it is closed. */
    public TickcastOptions withSlowConsumerTimeoutMs(long ms) {
        slowConsumerTimeoutMs = ms;
        return this;
    }

    /** How long a dropped player keeps its seat and entity for a reconnection. */
    public TickcastOptions withReconnectGraceMs(long ms) {
        reconnectGraceMs = ms;
        return this;
    }

    /** Serves https and wss with a PKCS#12 key store. */
    public TickcastOptions withTlsKeyStore(String path, String password) {
        tlsKeyStore = path;
        tlsKeyStorePassword = password;
        return this;
    }

    /** Serves https and wss with a PEM certificate chain and private key. */
    public TickcastOptions withTlsPem(String certPath, String keyPath) {
        tlsCertPath = certPath;
        tlsKeyPath = keyPath;
        return this;
    }

    /** The listen address. */
    public String host() {
        return host;
    }

    /** The listen port. */
    public int port() {
        return port;
    }

    /** Event loops. */
    public int eventLoops() {
        return eventLoops;
    }

    /** Seat reservation timeout. */
    public long seatTimeoutMs() {
        return seatTimeoutMs;
    }

    /** Per-client write queue bound. */
    public int writeQueueMaxBytes() {
        return writeQueueMaxBytes;
    }

    /** Per-socket kernel send buffer, 0 for the default. */
    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    /** The first room's seed. */
    public long seed() {
        return seed;
    }

    /** Extra allowed browser origins. */
    public List<String> allowedOrigins() {
        return List.copyOf(allowedOrigins);
    }

    /** Message bucket refill per second. */
    public double messagesPerSecond() {
        return messagesPerSecond;
    }

    /** Message bucket size. */
    public int messageBurst() {
        return messageBurst;
    }

    /** Chat bucket refill per second. */
    public double chatPerSecond() {
        return chatPerSecond;
    }

    /** Chat bucket size. */
    public int chatBurst() {
        return chatBurst;
    }

    /** Game message bucket refill per second. */
    public double gameMessagesPerSecond() {
        return gameMessagesPerSecond;
    }

    /** Game message bucket size. */
    public int gameMessageBurst() {
        return gameMessageBurst;
    }

    /** Handshake bucket refill per second and address. */
    public double handshakesPerSecondPerAddress() {
        return handshakesPerSecondPerAddress;
    }

    /** Handshake bucket size per address. */
    public int handshakeBurstPerAddress() {
        return handshakeBurstPerAddress;
    }

    /** Connection cap. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Per-address WebSocket connection cap. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Cap on connections that are not (yet) WebSockets. */
    public int maxPendingConnections() {
        return maxPendingConnections;
    }

    /** Cap on one address's connections that are not (yet) WebSockets. */
    public int maxPendingConnectionsPerAddress() {
        return maxPendingConnectionsPerAddress;
    }

    /** Bound on the time an HTTP request's body takes to arrive. */
    public long httpRequestTimeoutMs() {
        return httpRequestTimeoutMs;
    }

    /** Join deadline. */
    public long joinDeadlineMs() {
        return joinDeadlineMs;
    }

    /** HTTP idle timeout. */
    public long httpIdleTimeoutMs() {
        return httpIdleTimeoutMs;
    }

    /** Matchmaking bucket refill per second and address. */
    public double matchmakesPerSecondPerAddress() {
        return matchmakesPerSecondPerAddress;
    }

    /** Matchmaking bucket size per address. */
    public int matchmakeBurstPerAddress() {
        return matchmakeBurstPerAddress;
    }

    /** Unclaimed seats per address. */
    public int maxUnclaimedSeatsPerAddress() {
        return maxUnclaimedSeatsPerAddress;
    }

    /** Unclaimed seats in total. */
    public int maxUnclaimedSeats() {
        return maxUnclaimedSeats;
    }

    /** Room cap. */
    public int maxRooms() {
        return maxRooms;
    }

    /** Server ping period. */
    public long pingIntervalMs() {
        return pingIntervalMs;
    }

    /** Silence limit. */
    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    /** Slow consumer limit. */
    public long slowConsumerTimeoutMs() {
        return slowConsumerTimeoutMs;
    }

    /** Reconnection grace period. */
    public long reconnectGraceMs() {
        return reconnectGraceMs;
    }

    /** PKCS#12 key store path, or null. */
    public String tlsKeyStore() {
        return tlsKeyStore;
    }

    /** PKCS#12 key store password, or null. */
    public String tlsKeyStorePassword() {
        return tlsKeyStorePassword;
    }

    /** PEM certificate path, or null. */
    public String tlsCertPath() {
        return tlsCertPath;
    }

    /** PEM key path, or null. */
    public String tlsKeyPath() {
        return tlsKeyPath;
    }

    /** True if TLS is configured. */
    public boolean tls() {
        return tlsKeyStore != null || tlsCertPath != null;
    }

    /**
     * The base URL under which clients reach this server (for example {@code https://eu1.example.com}
     * or {@code http://proxy:8000/node/a}): the matchmaker's {@code url} is its {@code /ws} (http
     * becomes ws, https wss) and {@code GET /rooms} names it as each room's {@code node}. Without it,
     * the URL is taken from the request's Host header. A cluster node needs one.
     */
    public TickcastOptions withPublicUrl(String url) {
        publicUrl = url == null ? null : url.replaceAll("/+$", "");
        return this;
    }

    /** The public base URL, without a trailing slash, or null. */
    public String publicUrl() {
        return publicUrl;
    }

    /**
     * The key of the HMAC that signs seat and reconnection tokens; every node of a cluster is given
     * the same one, so that a token can be verified on any node. Without it, each process draws a
     * random key at start (tokens do not survive a restart).
     */
    public TickcastOptions withSharedSecret(String secret) {
        sharedSecret = secret;
        return this;
    }

    /** The shared token key, or null. */
    public String sharedSecret() {
        return sharedSecret;
    }

    /**
     * A proxy address (an IP, as the TCP peer appears) whose {@code X-Forwarded-For} is believed:
     * the per-address limits then count the right-most address that is not a trusted proxy.
     * Requests from other peers are counted under the peer's address whatever they send.
     */
    public TickcastOptions trustProxy(String address) {
        trustedProxies.add(address);
        return this;
    }

    /** The trusted proxy addresses. */
    public List<String> trustedProxies() {
        return List.copyOf(trustedProxies);
    }

    /**
     * The per-address limits count an IPv6 client under its first {@code bits} bits (1..128; default
     * 64: one subscriber's share). IPv4 addresses, IPv4-mapped ones included, count one by one.
     */
    public TickcastOptions withIpv6Prefix(int bits) {
        if (bits < 1 || bits > 128) {
            throw new IllegalArgumentException("--ipv6-prefix must be 1..128: " + bits);
        }
        ipv6Prefix = bits;
        return this;
    }

    /** The IPv6 prefix length the per-address limits count by. */
    public int ipv6Prefix() {
        return ipv6Prefix;
    }

    /**
     * {@code GET /rooms} lists at most {@code limit} rooms (default 200; the {@code X-Rooms-Total}
     * header says how many there are) and serves one answer for up to {@code cacheMs} (0..1000,
     * default 250), however many ask; 0 still shares a build among the requests that arrive during it.
     */
    public TickcastOptions withRoomsListing(int limit, long cacheMs) {
        if (limit < 0 || cacheMs < 0 || cacheMs > 1000) {
            throw new IllegalArgumentException("--rooms-list-limit must be 0 or more and --rooms-cache-ms 0..1000");
        }
        roomsListLimit = limit;
        roomsCacheMs = cacheMs;
        return this;
    }

    /** The most rooms {@code GET /rooms} lists. */
    public int roomsListLimit() {
        return roomsListLimit;
    }

    /** How long one {@code GET /rooms} answer is served again (ms). */
    public long roomsCacheMs() {
        return roomsCacheMs;
    }
}
