package dev.tickcast.tanks.server;

import dev.tickcast.server.TickcastExtension;
import dev.tickcast.tanks.TankGame;
import io.vertx.core.Deployable;

import java.util.List;

/**
 * The server side of the tanks plug-in (META-INF/services/dev.tickcast.server.TickcastExtension):
 * deployed beside the server when it hosts the tanks game, it adds the {@link LeaderboardVerticle}.
 */
public final class TanksExtension implements TickcastExtension {
    @Override
    public String game() {
        return TankGame.SPEC.name();
    }

    @Override
    public List<Deployable> verticles() {
        return List.of(new LeaderboardVerticle());
    }
}
