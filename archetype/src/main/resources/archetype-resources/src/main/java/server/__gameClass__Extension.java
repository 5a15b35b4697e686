package ${package}.server;

import ${package}.${gameClass}Game;
import dev.tickcast.server.TickcastExtension;
import io.vertx.core.Deployable;

import java.util.List;

/**
 * The server side of the plug-in (named in META-INF/services/dev.tickcast.server.TickcastExtension):
 * the server deploys its verticles beside itself, and only when it hosts the game named by
 * {@code game()} (an operator may host other games only, with the server's game option).
 */
public final class ${gameClass}Extension implements TickcastExtension {
    @Override
    public String game() {
        return ${gameClass}Game.SPEC.name();
    }

    @Override
    public List<Deployable> verticles() {
        return List.of(new StatusVerticle());
    }
}
