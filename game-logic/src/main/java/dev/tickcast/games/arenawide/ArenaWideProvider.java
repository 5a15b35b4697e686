package dev.tickcast.games.arenawide;

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.util.List;

/**
 * Offers Arena-Wide to the server's plug-in discovery (META-INF/services/dev.tickcast.game.GameProvider, beside the
 * arena): the stock server hosts it, and lists it in {@code GET /games} with its page /arena-wide/. Its game declares
 * interest, so each player receives only the cells near its body (SNAPSHOT_CELLS, docs/PROTOCOL.md 10.10), not the
 * whole 8000 x 8000 world.
 */
public final class ArenaWideProvider implements GameProvider {
    @Override
    public List<GameSpec> games() {
        return List.of(ArenaWideGame.SPEC);
    }
}
