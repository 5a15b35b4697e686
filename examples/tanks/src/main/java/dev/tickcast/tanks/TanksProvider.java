package dev.tickcast.tanks;

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.util.List;

/** Offers the tanks game to the server's plug-in discovery (META-INF/services/dev.tickcast.game.GameProvider). */
public final class TanksProvider implements GameProvider {
    @Override
    public List<GameSpec> games() {
        return List.of(TankGame.SPEC);
    }
}
