package dev.tickcast.server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of {@link TickcastOptions} by setting, and their record-style getters: a setting not
 * set has its table default ({@link Setting#defaultValue()}). Read-only once the options are handed
 * to a server; the setters live in {@link TickcastOptions}.
 */
abstract class OptionsView {
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

    /** The value of {@code s} (any setting of {@link Settings#ALL}) as set, or its default. */
    @SuppressWarnings("unchecked")
    public final <T> T get(Setting<T> s) {
        Object v = values.get(s);
        return v != null ? (T) v : s.defaultValue();
    }

    /** Sets {@code s} (checked and normalised; null: back to its default). */
    final <T> void put(Setting<T> s, T value) {
        T v = s.accept(value);
        if (v == null) {
            values.remove(s);
        } else {
            values.put(s, v instanceof List<?> list ? List.copyOf(list) : v instanceof Map<?, ?> map ? Map.copyOf(map) : v);
        }
    }

    /** True if {@code s} was set (to anything, its default included). */
    final boolean isSet(Setting<?> s) {
        return values.containsKey(s);
    }

    private static int burst(Integer set, double perSecond) {
        return set != null ? set : (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4 * perSecond));
    }

    /** The listen address. */
    public String host() {
        return get(Settings.HOST);
    }

    /** The listen port. */
    public int port() {
        return get(Settings.PORT);
    }

    /** Event loops. */
    public int eventLoops() {
        return get(Settings.EVENT_LOOPS);
    }

    /** The socket transport the command line builds its Vert.x with. */
    public String transport() {
        return get(Settings.TRANSPORT);
    }

    /** The command line's folder of plug-in jars, or null. */
    public String plugins() {
        return get(Settings.PLUGINS);
    }

    /** The games to host, by name; empty: every game found. */
    public List<String> games() {
        return get(Settings.GAMES);
    }

    /** The operator's overrides by game name ({@code *}: every hosted game). */
    public Map<String, GameSettings> gameSettings() {
        return get(Settings.GAME_SETTINGS);
    }

    /** The first room's seed. */
    public long seed() {
        return get(Settings.SEED);
    }

    /** Seat reservation timeout. */
    public long seatTimeoutMs() {
        return get(Settings.SEAT_TIMEOUT_MS);
    }

    /** True if extension verticles are deployed. */
    public boolean deployExtensions() {
        return get(Settings.DEPLOY_EXTENSIONS);
    }

    /** True if metrics are on. */
    public boolean metrics() {
        return get(Settings.METRICS);
    }

    /** The metrics port; 0: the main port. */
    public int metricsPort() {
        return get(Settings.METRICS_PORT);
    }

    /** The admin token, or null when the admin page is off. */
    public String adminToken() {
        return get(Settings.ADMIN_TOKEN);
    }

    /** The most rooms {@code GET /rooms} lists. */
    public int roomsListLimit() {
        return get(Settings.ROOMS_LIST_LIMIT);
    }

    /** How long one {@code GET /rooms} answer is served again (ms). */
    public long roomsCacheMs() {
        return get(Settings.ROOMS_CACHE_MS);
    }

    /** Message bucket refill per second. */
    public double messagesPerSecond() {
        return get(LimitSettings.MESSAGES_PER_SECOND);
    }

    /** Message bucket size. */
    public int messageBurst() {
        return get(LimitSettings.MESSAGE_BURST);
    }

    /** Chat bucket refill per second. */
    public double chatPerSecond() {
        return get(LimitSettings.CHAT_PER_SECOND);
    }

    /** Chat bucket size. */
    public int chatBurst() {
        return get(LimitSettings.CHAT_BURST);
    }

    /** Game message bucket refill per second. */
    public double gameMessagesPerSecond() {
        return get(LimitSettings.GAME_MESSAGES_PER_SECOND);
    }

    /** Game message bucket size. */
    public int gameMessageBurst() {
        return get(LimitSettings.GAME_MESSAGE_BURST);
    }

    /** Handshake bucket refill per second and address. */
    public double handshakesPerSecondPerAddress() {
        return get(LimitSettings.HANDSHAKES_PER_SECOND);
    }

    /** Handshake bucket size per address (4 times the rate unless set). */
    public int handshakeBurstPerAddress() {
        return burst(get(LimitSettings.HANDSHAKE_BURST), handshakesPerSecondPerAddress());
    }

    /** Connection cap. */
    public int maxConnections() {
        return get(LimitSettings.MAX_CONNECTIONS);
    }

    /** Per-address WebSocket connection cap. */
    public int maxConnectionsPerAddress() {
        return get(LimitSettings.MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Cap on connections that are not (yet) WebSockets. */
    public int maxPendingConnections() {
        return get(LimitSettings.MAX_PENDING_CONNECTIONS);
    }

    /** Cap on one address's connections that are not (yet) WebSockets. */
    public int maxPendingConnectionsPerAddress() {
        return get(LimitSettings.MAX_PENDING_CONNECTIONS_PER_ADDRESS);
    }

    /** Bound on the time an HTTP request's body takes to arrive. */
    public long httpRequestTimeoutMs() {
        return get(LimitSettings.HTTP_REQUEST_TIMEOUT_MS);
    }

    /** Join deadline. */
    public long joinDeadlineMs() {
        return get(LimitSettings.JOIN_DEADLINE_MS);
    }

    /** HTTP idle timeout. */
    public long httpIdleTimeoutMs() {
        return get(LimitSettings.HTTP_IDLE_TIMEOUT_MS);
    }

    /** Matchmaking bucket refill per second and address. */
    public double matchmakesPerSecondPerAddress() {
        return get(LimitSettings.MATCHMAKES_PER_SECOND);
    }

    /** Matchmaking bucket size per address (4 times the rate unless set). */
    public int matchmakeBurstPerAddress() {
        return burst(get(LimitSettings.MATCHMAKE_BURST), matchmakesPerSecondPerAddress());
    }

    /** Unclaimed seats per address. */
    public int maxUnclaimedSeatsPerAddress() {
        return get(LimitSettings.MAX_UNCLAIMED_SEATS_PER_ADDRESS);
    }

    /** Unclaimed seats in total. */
    public int maxUnclaimedSeats() {
        return get(LimitSettings.MAX_UNCLAIMED_SEATS);
    }

    /** Room cap. */
    public int maxRooms() {
        return get(LimitSettings.MAX_ROOMS);
    }

    /** Server ping period. */
    public long pingIntervalMs() {
        return get(LimitSettings.PING_INTERVAL_MS);
    }

    /** Silence limit. */
    public long idleTimeoutMs() {
        return get(LimitSettings.IDLE_TIMEOUT_MS);
    }

    /** Slow consumer limit. */
    public long slowConsumerTimeoutMs() {
        return get(LimitSettings.SLOW_CONSUMER_TIMEOUT_MS);
    }

    /** Reconnection grace period. */
    public long reconnectGraceMs() {
        return get(LimitSettings.RECONNECT_GRACE_MS);
    }

    /** The limits of lag compensation (--lag-max-latency-ms, --lag-max-interpolation-ms, --lag-agreement-ms). */
    public dev.tickcast.game.rewind.LagCompensation lagCompensation() {
        return new dev.tickcast.game.rewind.LagCompensation(get(LimitSettings.LAG_MAX_LATENCY_MS),
                get(LimitSettings.LAG_MAX_INTERPOLATION_MS), get(LimitSettings.LAG_AGREEMENT_MS));
    }

    /** Per-client write queue bound. */
    public int writeQueueMaxBytes() {
        return get(LimitSettings.WRITE_QUEUE_MAX_BYTES);
    }

    /** Per-socket kernel send buffer, 0 for the default. */
    public int sendBufferBytes() {
        return get(LimitSettings.SEND_BUFFER_BYTES);
    }

    /** Extra allowed browser origins. */
    public List<String> allowedOrigins() {
        return get(NetworkSettings.ALLOWED_ORIGINS);
    }

    /** The trusted proxy addresses. */
    public List<String> trustedProxies() {
        return get(NetworkSettings.TRUSTED_PROXIES);
    }

    /** The IPv6 prefix length the per-address limits count by. */
    public int ipv6Prefix() {
        return get(NetworkSettings.IPV6_PREFIX);
    }

    /** PKCS#12 key store path, or null. */
    public String tlsKeyStore() {
        return get(NetworkSettings.TLS_KEY_STORE);
    }

    /** PKCS#12 key store password, or null. */
    public String tlsKeyStorePassword() {
        return get(NetworkSettings.TLS_KEY_STORE_PASSWORD);
    }

    /** PEM certificate path, or null. */
    public String tlsCertPath() {
        return get(NetworkSettings.TLS_CERT_PATH);
    }

    /** PEM key path, or null. */
    public String tlsKeyPath() {
        return get(NetworkSettings.TLS_KEY_PATH);
    }

    /** True for a node of a cluster (see {@link NetworkSettings}). */
    public boolean cluster() {
        return get(NetworkSettings.CLUSTER);
    }

    /** The interface the command line's clustered Vert.x binds to. */
    public String clusterHost() {
        return get(NetworkSettings.CLUSTER_HOST);
    }

    /** The Hazelcast member port of the command line's clustered Vert.x. */
    public int clusterPort() {
        return get(NetworkSettings.CLUSTER_PORT);
    }

    /** The Hazelcast members the command line's clustered Vert.x joins. */
    public List<String> clusterMembers() {
        return get(NetworkSettings.CLUSTER_MEMBERS);
    }

    /** The cluster's name. */
    public String clusterName() {
        return get(NetworkSettings.CLUSTER_NAME);
    }

    /** The shared token key, or null. */
    public String sharedSecret() {
        return get(NetworkSettings.SHARED_SECRET);
    }

    /** True if TLS is configured. */
    public boolean tls() {
        return tlsKeyStore() != null || tlsCertPath() != null;
    }

    /** The public base URL, without a trailing slash, or null. */
    public String publicUrl() {
        return get(Settings.PUBLIC_URL);
    }

    /** The games whose rooms record besides those whose spec says so (--record). */
    public List<String> record() {
        return get(RecordSettings.RECORD);
    }

    /** The folder of the recordings. */
    public String recordingsDir() {
        return get(RecordSettings.RECORDINGS_DIR);
    }

    /** The bytes the recordings may use in total. */
    public long recordingsMaxBytes() {
        return get(RecordSettings.RECORDINGS_MAX_BYTES);
    }

    /** The length of a recording's fragments, in seconds. */
    public int recordingFragmentSeconds() {
        return get(RecordSettings.RECORDING_FRAGMENT_SECONDS);
    }
}
