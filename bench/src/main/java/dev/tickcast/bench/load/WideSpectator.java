package dev.tickcast.bench.load;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.LongAdder;

/**
 * Arena-Wide's whole-world spectator (PROTOCOL.md 4.2): joins the room with a spectator token on the
 * full Java client, which receives plain SNAPSHOTs (the whole world), and gives every state to the
 * {@link WideCheck} as a frame. Sends a PING every second: a spectator obeys the idle timeout too.
 */
final class WideSpectator {
    private static final long PING_MS = 1000;

    private final Vertx vertx;
    private final TickcastClient client;
    private final LongAdder closes = new LongAdder();
    private volatile boolean leaving;
    private long pinger = -1;

    WideSpectator(Vertx vertx, String host, int port, WideCheck check) {
        this.vertx = vertx;
        this.client = new TickcastClient(vertx, host, port);
        client.onSnapshot(state -> check.world(WideFrame.of(state)));
        client.onClose((code, reason) -> {
            if (!leaving) {
                closes.increment();
            }
        });
    }

    /** Joins room {@code roomId} with spectator token {@code token}. */
    Future<Void> start(String roomId, String token) {
        return client.join(new Seat(roomId, token, "arena-wide", 10_000)).onSuccess(v ->
                pinger = vertx.setPeriodic(PING_MS, id -> client.sendPing((int) (System.nanoTime() / 1_000_000))));
    }

    /** Leaves. */
    Future<Void> stop() {
        leaving = true;
        if (pinger >= 0) {
            vertx.cancelTimer(pinger);
        }
        return client.close();
    }

    /** Times the spectator was closed by the server before {@link #stop()}, or the client's error. */
    String trouble() {
        String error = client.error();
        return error != null ? error : closes.sum() > 0 ? "closed " + closes.sum() + " time(s)" : null;
    }
}
