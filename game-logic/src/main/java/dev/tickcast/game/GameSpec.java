package dev.tickcast.game;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the server hosts a game: its name (the matchmaking key), a factory for one room's
 * {@link Game}, the tick rate, the snapshot rate, the room size, whether the built-in chat is on,
 * the path of its browser page and whether its rooms record their matches. Immutable; each setter returns a copy. A game is described in
 * one line:
 *
 * <pre>{@code
 * GameSpec.of("arena", ArenaGame::new).tickHz(60).snapshotHz(20).maxPlayers(16).page("/arena/")
 * }</pre>
 */
public final class GameSpec {
    /** The most players a room may hold: player ids are seats, and stay small. */
    public static final int MAX_PLAYERS = 1024;
    /** {@link #broadcastDelayMs()} when the spec does not set it: the operator's {@code --broadcast-delay-ms}. */
    public static final int OPERATOR_DELAY = -2;
    /** {@link #broadcastDelayMs()} of a game whose rooms record but do not broadcast. */
    public static final int NO_BROADCAST = -1;
    /** The longest broadcast delay a spec may ask for: one hour. */
    public static final int MAX_BROADCAST_DELAY_MS = 3_600_000;

    private final String name;
    private final Supplier<? extends Game> factory;
    private final int tickHz;
    private final int snapshotEveryTicks;
    private final int maxPlayers;
    private final boolean chat;
    private final String page;
    private final boolean record;
    private final int broadcastDelayMs;

    private GameSpec(String name, Supplier<? extends Game> factory, int tickHz, int snapshotEveryTicks,
                     int maxPlayers, boolean chat, String page, boolean record, int broadcastDelayMs) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("game name must match [a-z0-9][a-z0-9_-]{0,31}: " + name);
        }
        if (tickHz < 1 || tickHz > 1000) {
            throw new IllegalArgumentException(name + ": tick rate must be 1..1000 Hz: " + tickHz);
        }
        if (snapshotEveryTicks < 1) {
            throw new IllegalArgumentException(name + ": snapshotEveryTicks must be >= 1: " + snapshotEveryTicks);
        }
        if (maxPlayers < 1 || maxPlayers > MAX_PLAYERS) {
            throw new IllegalArgumentException(name + ": room size must be 1.." + MAX_PLAYERS + ": " + maxPlayers);
        }
        if (broadcastDelayMs < OPERATOR_DELAY || broadcastDelayMs > MAX_BROADCAST_DELAY_MS) {
            throw new IllegalArgumentException(name + ": broadcast delay must be -1 (none) or 0.."
                    + MAX_BROADCAST_DELAY_MS + " ms: " + broadcastDelayMs);
        }
        this.name = name;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.tickHz = tickHz;
        this.snapshotEveryTicks = snapshotEveryTicks;
        this.maxPlayers = maxPlayers;
        this.chat = chat;
        this.page = page;
        this.record = record;
        this.broadcastDelayMs = broadcastDelayMs;
    }

    /** A spec with the defaults: 60 Hz ticks, a snapshot every 3 ticks (20 Hz), 16 players, chat on. */
    public static GameSpec of(String name, Supplier<? extends Game> factory) {
        return new GameSpec(name, factory, 60, 3, 16, true, null, false, OPERATOR_DELAY);
    }

    /** The game name. */
    public String name() {
        return name;
    }

    /** Creates the game of a new room. */
    public Game newGame() {
        return factory.get();
    }

    /** Simulation steps per second. */
    public int tickHz() {
        return tickHz;
    }

    /** One snapshot is sent every this many ticks. */
    public int snapshotEveryTicks() {
        return snapshotEveryTicks;
    }

    /** The most players one room holds. */
    public int maxPlayers() {
        return maxPlayers;
    }

    /** True if the built-in room chat is on (CHAT_SEND is relayed); false: CHAT_SEND closes with 1008. */
    public boolean chat() {
        return chat;
    }

    /** The path of the game's browser page on the server (for example "/arena/"), or null. */
    public String page() {
        return page;
    }

    /**
     * True if every room of this game records its match: an archive file per room in the server's
     * recordings folder (docs/OPERATIONS.md, "Recordings"). Off by default; an operator switches it
     * on for a game with {@code --record GAME} too.
     */
    public boolean record() {
        return record;
    }

    /**
     * The delay of the rooms' delayed broadcast over HTTP (docs/PROTOCOL.md, "Delayed broadcast"), in ms:
     * 0 is live, {@link #NO_BROADCAST} records without broadcasting, {@link #OPERATOR_DELAY} (the
     * default) leaves it to the operator's {@code --broadcast-delay-ms}. Only a recording room broadcasts.
     */
    public int broadcastDelayMs() {
        return broadcastDelayMs;
    }

    /** Snapshots per second. */
    public double snapshotHz() {
        return (double) tickHz / snapshotEveryTicks;
    }

    /**
     * A copy with another tick rate, keeping the snapshot rate in snapshots per second. Throws
     * IllegalArgumentException if the current snapshot rate does not divide the new tick rate
     * (then set both with {@link #rates}).
     */
    public GameSpec tickHz(int hz) {
        return rates(hz, snapshotHz());
    }

    /** A copy with another snapshot interval, in ticks. */
    public GameSpec snapshotEveryTicks(int ticks) {
        return new GameSpec(name, factory, tickHz, ticks, maxPlayers, chat, page, record, broadcastDelayMs);
    }

    /** A copy with another snapshot rate, which must divide the tick rate. */
    public GameSpec snapshotHz(double hz) {
        return rates(tickHz, hz);
    }

    /**
     * A copy with a tick rate and a snapshot rate in Hz; the snapshot rate must divide the tick
     * rate into a whole number of ticks, else IllegalArgumentException with a message for operators.
     */
    public GameSpec rates(int newTickHz, double newSnapshotHz) {
        double every = newTickHz / newSnapshotHz;
        long whole = Math.round(every);
        if (newSnapshotHz <= 0 || newSnapshotHz > newTickHz || Math.abs(every - whole) > 1e-9) {
            throw new IllegalArgumentException(name + ": a snapshot rate of " + fmt(newSnapshotHz)
                    + " Hz does not divide the tick rate of " + newTickHz + " Hz into whole ticks");
        }
        return new GameSpec(name, factory, newTickHz, (int) whole, maxPlayers, chat, page, record, broadcastDelayMs);
    }

    /** A copy with another room size (1..{@link #MAX_PLAYERS}). */
    public GameSpec maxPlayers(int players) {
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, players, chat, page, record, broadcastDelayMs);
    }

    /** A copy with the built-in chat on or off. */
    public GameSpec chat(boolean on) {
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, maxPlayers, on, page, record, broadcastDelayMs);
    }

    /** A copy naming the path of the game's browser page, listed by {@code GET /games}. */
    public GameSpec page(String path) {
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, maxPlayers, chat, path, record, broadcastDelayMs);
    }

    /** A copy whose rooms record their matches ({@link #record()}) or not. */
    public GameSpec record(boolean on) {
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, maxPlayers, chat, page, on, broadcastDelayMs);
    }

    /**
     * A copy whose recording rooms broadcast with a delay of {@code ms} (0 = live, {@link #NO_BROADCAST} = no
     * broadcast; at most {@link #MAX_BROADCAST_DELAY_MS}): see {@link #broadcastDelayMs()}.
     */
    public GameSpec broadcastDelayMs(int ms) {
        if (ms < NO_BROADCAST) {
            throw new IllegalArgumentException(name + ": broadcast delay must be -1 (none) or 0.."
                    + MAX_BROADCAST_DELAY_MS + " ms: " + ms);
        }
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, maxPlayers, chat, page, record, ms);
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
    }

    @Override
    public String toString() {
        return "GameSpec[" + name + ", " + tickHz + " Hz, snapshot every " + snapshotEveryTicks
                + " ticks, " + maxPlayers + " players" + (chat ? "" : ", no chat") + (record ? ", recorded" : "") + "]";
    }
}
