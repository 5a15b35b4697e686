package dev.tickcast.game;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the server hosts a game: its name (the matchmaking key), a factory for one room's
 * {@link Game}, the tick rate, the snapshot rate and the room size. Immutable; each setter returns a
 * copy. Registering a game is one line:
 *
 * <pre>{@code
 * GameSpec.of("arena", ArenaGame::new).tickHz(60).snapshotEveryTicks(3).maxPlayers(16)
 * }</pre>
 */
public final class GameSpec {
    private final String name;
    private final Supplier<? extends Game> factory;
    private final int tickHz;
    private final int snapshotEveryTicks;
    private final int maxPlayers;

    private GameSpec(String name, Supplier<? extends Game> factory, int tickHz, int snapshotEveryTicks,
                     int maxPlayers) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("game name must match [a-z0-9][a-z0-9_-]{0,31}: " + name);
        }
        if (tickHz < 1 || tickHz > 1000 || snapshotEveryTicks < 1 || maxPlayers < 1) {
            throw new IllegalArgumentException("tickHz 1..1000, snapshotEveryTicks >= 1, maxPlayers >= 1");
        }
        this.name = name;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.tickHz = tickHz;
        this.snapshotEveryTicks = snapshotEveryTicks;
        this.maxPlayers = maxPlayers;
    }

    /** A spec with the defaults: 60 Hz ticks, a snapshot every 3 ticks (20 Hz), 16 players. */
    public static GameSpec of(String name, Supplier<? extends Game> factory) {
        return new GameSpec(name, factory, 60, 3, 16);
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

    /** Snapshots per second. */
    public double snapshotHz() {
        return (double) tickHz / snapshotEveryTicks;
    }

    /** A copy with another tick rate. */
    public GameSpec tickHz(int hz) {
        return new GameSpec(name, factory, hz, snapshotEveryTicks, maxPlayers);
    }

    /** A copy with another snapshot interval, in ticks. */
    public GameSpec snapshotEveryTicks(int ticks) {
        return new GameSpec(name, factory, tickHz, ticks, maxPlayers);
    }

    /** A copy with another room size. */
    public GameSpec maxPlayers(int players) {
        return new GameSpec(name, factory, tickHz, snapshotEveryTicks, players);
    }

    @Override
    public String toString() {
        return "GameSpec[" + name + ", " + tickHz + " Hz, snapshot every " + snapshotEveryTicks
                + " ticks, " + maxPlayers + " players]";
    }
}
