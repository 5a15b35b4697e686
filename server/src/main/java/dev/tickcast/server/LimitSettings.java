package dev.tickcast.server;

import java.util.List;

import static dev.tickcast.server.Checks.atLeast;
import static dev.tickcast.server.Checks.positive;

/**
 * The settings table, part two: rates, caps and timeouts (docs/SECURITY.md explains each limit).
 * Part of {@link Settings#ALL}.
 */
public final class LimitSettings {
    /** Client messages per second per connection. */
    public static final Setting<Double> MESSAGES_PER_SECOND = rate("messagesPerSecond", "--messages-per-second", 60,
            "Client messages per second per connection (a token bucket); past it the connection is closed.");
    /** The burst of client messages. */
    public static final Setting<Integer> MESSAGE_BURST = count("messageBurst", "--message-burst", 120, "messages",
            "The burst of --messages-per-second.");
    /** Chat lines per second per connection. */
    public static final Setting<Double> CHAT_PER_SECOND = rate("chatPerSecond", "--chat-per-second", 2,
            "Chat lines per second per connection; past it lines are dropped (a flood closes the connection).");
    /** The burst of chat lines. */
    public static final Setting<Integer> CHAT_BURST = count("chatBurst", "--chat-burst", 5, "lines",
            "The burst of --chat-per-second.");
    /** Game messages (GAME_SEND) per second per connection. */
    public static final Setting<Double> GAME_MESSAGES_PER_SECOND = rate("gameMessagesPerSecond",
            "--game-messages-per-second", 20, "Game messages (GAME_SEND) per second per connection.");
    /** The burst of game messages. */
    public static final Setting<Integer> GAME_MESSAGE_BURST = count("gameMessageBurst", "--game-message-burst", 40,
            "messages", "The burst of --game-messages-per-second.");
    /** WebSocket handshakes per second per address. */
    public static final Setting<Double> HANDSHAKES_PER_SECOND = Setting.of("handshakesPerSecondPerAddress",
                    SettingKind.DOUBLE, 50.0).flag("--handshakes-per-second").aliases("handshakesPerSecond")
            .unit("per second").check(positive())
            .doc("WebSocket handshakes per second per remote address (HTTP 429 past it).");
    /** The burst of handshakes per address (null: 4 times the rate). */
    public static final Setting<Integer> HANDSHAKE_BURST = Setting.of("handshakeBurstPerAddress", SettingKind.INT,
                    (Integer) null).flag("--handshake-burst").defaultText("4 times --handshakes-per-second")
            .unit("handshakes").check(atLeast(1)).doc("The burst of --handshakes-per-second.");
    /** The cap on WebSocket connections. */
    public static final Setting<Integer> MAX_CONNECTIONS = count("maxConnections", "--max-connections", 10_000,
            "connections", "WebSocket connections the process accepts at once.");
    /** The cap on WebSocket connections per address. */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = count("maxConnectionsPerAddress",
            "--max-connections-per-address", 64, "connections",
            "WebSocket connections one remote address holds at once (HTTP 429 past it).");
    /** The cap on connections that are not WebSockets. */
    public static final Setting<Integer> MAX_PENDING_CONNECTIONS = count("maxPendingConnections",
            "--max-pending-connections", 2_000, "connections", "TCP connections that are not WebSockets (HTTP "
                    + "requests in progress or idle keep-alives); more are closed at once.");
    /** The cap on one address's connections that are not WebSockets. */
    public static final Setting<Integer> MAX_PENDING_CONNECTIONS_PER_ADDRESS = count("maxPendingConnectionsPerAddress",
            "--max-pending-connections-per-address", 64, "connections",
            "TCP connections from one remote address that are not WebSockets; more are closed at once.");
    /** The bound on an HTTP request's body. */
    public static final Setting<Long> HTTP_REQUEST_TIMEOUT_MS = millis("httpRequestTimeoutMs",
            "--http-request-timeout-ms", 10_000, "How long an HTTP request's body may take to arrive, from the "
                    + "request's start; then the connection is closed (408 if nothing was answered).");
    /** The join deadline. */
    public static final Setting<Long> JOIN_DEADLINE_MS = millis("joinDeadlineMs", "--join-deadline-ms", 5_000,
            "How long a WebSocket may stay without a valid JOIN (then 4011).");
    /** The HTTP idle timeout. */
    public static final Setting<Long> HTTP_IDLE_TIMEOUT_MS = millis("httpIdleTimeoutMs", "--http-idle-timeout-ms",
            10_000, "How long an HTTP connection may be silent (a half-sent request, an idle keep-alive) before it "
                    + "is closed.");
    /** Matchmaking requests per second per address. */
    public static final Setting<Double> MATCHMAKES_PER_SECOND = Setting.of("matchmakesPerSecondPerAddress",
                    SettingKind.DOUBLE, 5.0).flag("--matchmakes-per-second").aliases("matchmakesPerSecond")
            .unit("per second").check(positive())
            .doc("Matchmaking requests per second per remote address (HTTP 429 past it).");
    /** The burst of matchmaking requests per address (null: 4 times the rate). */
    public static final Setting<Integer> MATCHMAKE_BURST = Setting.of("matchmakeBurstPerAddress", SettingKind.INT,
                    (Integer) null).flag("--matchmake-burst").defaultText("4 times --matchmakes-per-second")
            .unit("requests").check(atLeast(1)).doc("The burst of --matchmakes-per-second.");
    /** Unclaimed seats per address. */
    public static final Setting<Integer> MAX_UNCLAIMED_SEATS_PER_ADDRESS = count("maxUnclaimedSeatsPerAddress",
            "--max-unclaimed-seats-per-address", 16, "seats",
            "Reserved, unclaimed seats per remote address (HTTP 429 past it).");
    /** Unclaimed seats in total. */
    public static final Setting<Integer> MAX_UNCLAIMED_SEATS = count("maxUnclaimedSeats", "--max-unclaimed-seats",
            5_000, "seats", "Reserved, unclaimed seats in total (HTTP 503 past it).");
    /** The room cap. */
    public static final Setting<Integer> MAX_ROOMS = count("maxRooms", "--max-rooms", 2_000, "rooms", "Rooms the "
            + "process hosts; past it, matchmaking that needs a new room answers 503 and existing rooms go on.");
    /** The server's ping period. */
    public static final Setting<Long> PING_INTERVAL_MS = millis("pingIntervalMs", "--ping-interval-ms", 5_000,
            "How often the server pings each client (PROTOCOL.md, keep-alive).");
    /** The silence after which a connection is closed. */
    public static final Setting<Long> IDLE_TIMEOUT_MS = millis("idleTimeoutMs", "--idle-timeout-ms", 15_000,
            "How long a WebSocket may stay silent before it is closed.");
    /** The slow consumer limit. */
    public static final Setting<Long> SLOW_CONSUMER_TIMEOUT_MS = millis("slowConsumerTimeoutMs",
            "--slow-consumer-timeout-ms", 10_000, "How long a client may stay unable to take snapshots before it "
                    + "is closed.");
    /** The reconnection grace. */
    public static final Setting<Long> RECONNECT_GRACE_MS = millis("reconnectGraceMs", "--reconnect-grace-ms", 15_000,
            "How long a dropped player keeps its seat and entity for a reconnection.");
    /** The per-client write queue bound. */
    public static final Setting<Integer> WRITE_QUEUE_MAX_BYTES = count("writeQueueMaxBytes", "--write-queue-max-bytes",
            64 * 1024, "bytes", "Bytes that may wait to be written to one client before it skips snapshots.");
    /** The kernel send buffer per socket. */
    public static final Setting<Integer> SEND_BUFFER_BYTES = Setting.of("sendBufferBytes", SettingKind.INT, 0)
            .flag("--send-buffer-bytes").unit("bytes").check(atLeast(0))
            .doc("The kernel send buffer of each client socket (0: the OS default, auto-tuned).");

    /** Lag compensation: the one-way latency compensated at most. */
    public static final Setting<Integer> LAG_MAX_LATENCY_MS = lagMillis("lagMaxLatencyMs", "--lag-max-latency-ms", 250,
            "Lag compensation: the one-way latency compensated at most; a view may be 2 x this plus the declared "
                    + "interpolation delay old, older views are clamped.");
    /** Lag compensation: the declared interpolation delay honoured at most. */
    public static final Setting<Integer> LAG_MAX_INTERPOLATION_MS = lagMillis("lagMaxInterpolationMs",
            "--lag-max-interpolation-ms", 250, "Lag compensation: the interpolation delay a client may declare at most.");
    /** Lag compensation: how far a view stamp may stray from the measured round trip. */
    public static final Setting<Integer> LAG_AGREEMENT_MS = lagMillis("lagAgreementMs", "--lag-agreement-ms", 200,
            "Lag compensation: how far a view stamp's age may stray from the measured round trip plus the declared "
                    + "delay before it is not trusted.");

    /** The settings of this part, in table order. */
    public static final List<Setting<?>> ALL = List.of(MESSAGES_PER_SECOND, MESSAGE_BURST, CHAT_PER_SECOND,
            CHAT_BURST, GAME_MESSAGES_PER_SECOND, GAME_MESSAGE_BURST, HANDSHAKES_PER_SECOND, HANDSHAKE_BURST,
            MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, MAX_PENDING_CONNECTIONS, MAX_PENDING_CONNECTIONS_PER_ADDRESS,
            HTTP_REQUEST_TIMEOUT_MS, JOIN_DEADLINE_MS, HTTP_IDLE_TIMEOUT_MS, MATCHMAKES_PER_SECOND, MATCHMAKE_BURST,
            MAX_UNCLAIMED_SEATS_PER_ADDRESS, MAX_UNCLAIMED_SEATS, MAX_ROOMS, PING_INTERVAL_MS, IDLE_TIMEOUT_MS,
            SLOW_CONSUMER_TIMEOUT_MS, RECONNECT_GRACE_MS, WRITE_QUEUE_MAX_BYTES, SEND_BUFFER_BYTES, LAG_MAX_LATENCY_MS,
            LAG_MAX_INTERPOLATION_MS, LAG_AGREEMENT_MS);

    private LimitSettings() {
    }

    private static Setting<Double> rate(String key, String flag, double perSecond, String doc) {
        return Setting.of(key, SettingKind.DOUBLE, perSecond).flag(flag).unit("per second").check(positive()).doc(doc);
    }

    private static Setting<Integer> count(String key, String flag, int value, String unit, String doc) {
        return Setting.of(key, SettingKind.INT, value).flag(flag).unit(unit).check(atLeast(1)).doc(doc);
    }

    private static Setting<Integer> lagMillis(String key, String flag, int ms, String doc) {
        return Setting.of(key, SettingKind.INT, ms).flag(flag).label("MS").unit("ms").check(atLeast(0)).doc(doc);
    }

    private static Setting<Long> millis(String key, String flag, long ms, String doc) {
        return Setting.of(key, SettingKind.LONG, ms).flag(flag).label("MS").unit("ms").check(atLeast(0)).doc(doc);
    }
}
