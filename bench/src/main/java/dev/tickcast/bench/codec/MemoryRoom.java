package dev.tickcast.bench.codec;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomMetrics;
import dev.tickcast.server.internal.room.SnapshotObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.tickcast.server.internal.room.RoomListener;
import dev.tickcast.server.internal.room.RoomSettings;
import dev.tickcast.server.internal.room.Session;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;

/**
 * A started room without a timer, seated with N in-memory {@link CountingLink}s: what room benchmarks drive
 * (optionally on another loop).
 */
final class MemoryRoom {
    final Room room;
    final CountingLink first;

    static {
        // hundreds of in-memory players join every iteration: the event log would drown JMH's output
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.tickcast.events"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    MemoryRoom(GameSpec spec, Vertx vertx, int sessions, boolean closeIsABug) {
        this(spec, vertx, sessions, closeIsABug, null, false);
    }

    /**
     * A room whose links say they live on {@code linkLoop} (null: on any thread); with
     * {@code metrics}, the room reports to a Prometheus registry, as a server with metrics on does.
     */
    MemoryRoom(GameSpec spec, Vertx vertx, int sessions, boolean closeIsABug, EventExecutor linkLoop, boolean metrics) {
        RoomMetrics.Factory meters = metrics
                ? ServerMetrics.in(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)) : RoomMetrics.Factory.NONE;
        room = new Room("bench", spec.maxPlayers(sessions), vertx.getOrCreateContext(), 7,
                new RoomSettings(System::nanoTime, 10_000, 15_000, SnapshotObserver.NONE, meters), new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        CountingLink link = null;
        for (int i = 0; i < sessions; i++) {
            CountingLink l = new CountingLink(closeIsABug, linkLoop);
            link = link == null ? l : link;
            room.join(new Session(l, "p" + i));
        }
        first = link;
    }
}
