package dev.tickcast.games.arena;

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.util.List;

/** Offers the arena to the server's plug-in discovery (META-INF/services/dev.tickcast.game.GameProvider). */
public final class ArenaProvider implements GameProvider {
    @Override
    public List<GameSpec> games() {
        return List.of(ArenaGame.SPEC);
    }
}
