package ${package};

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.util.List;

/** Offers the game to the server's plug-in discovery (named in META-INF/services/dev.tickcast.game.GameProvider). */
public final class ${gameClass}Provider implements GameProvider {
    @Override
    public List<GameSpec> games() {
        return List.of(${gameClass}Game.SPEC);
    }
}
