package dev.tickcast.games.arenawide;

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.util.List;

/**
 * Offers Arena-Wide to the server's plug-in discovery. Deliberately NOT listed in
 * META-INF/services/dev.tickcast.game.GameProvider yet: the stock server must not host a room of a
 * thousand players that each receive the whole 8000 x 8000 world; it is listed once interest
 * management sends each client only what is near it (issue 20). Until then a test or a bench can
 * host it by registering {@link ArenaWideGame#SPEC} in the server's GameRegistry itself.
 */
public final class ArenaWideProvider implements GameProvider {
    @Override
    public List<GameSpec> games() {
        return List.of(ArenaWideGame.SPEC);
    }
}
