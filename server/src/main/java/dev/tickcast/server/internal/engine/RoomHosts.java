package dev.tickcast.server.internal.engine;

import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * The event-loop contexts that host rooms, and the round-robin choice of the next one. Rooms are
 * spread evenly over the loops so every core ticks some.
 */
final class RoomHosts {
    private final List<Context> contexts = new ArrayList<>();
    private int next;

    synchronized void add(Context context) {
        contexts.add(context);
    }

    synchronized Context next() {
        if (contexts.isEmpty()) {
            throw new IllegalStateException("no event loop is hosting rooms yet");
        }
        Context c = contexts.get(next % contexts.size());
        next++;
        return c;
    }
}
