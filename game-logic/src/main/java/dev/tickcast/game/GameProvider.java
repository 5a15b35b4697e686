package dev.tickcast.game;

import java.util.List;

/**
 * A plug-in's list of games, found by {@link java.util.ServiceLoader}: a jar names its provider
 * class in {@code META-INF/services/dev.tickcast.game.GameProvider}, and the stock server hosts
 * every game of every provider on its classpath (or the ones named by {@code --game}).
 *
 * <pre>{@code
 * public final class TanksProvider implements GameProvider {
 *     public List<GameSpec> games() { return List.of(TankGame.SPEC); }
 * }
 * }</pre>
 *
 * <p>Needs a public no-argument constructor.
 */
public interface GameProvider {
    /** The games of this plug-in; names must be unique across every provider. */
    List<GameSpec> games();
}
