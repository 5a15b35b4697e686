package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.wire.ChatMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A player of the cluster tests: its own loopback source address (so that per-address limits see
 * one client each), the seat it got, and what it saw: snapshots (with the longest gap between two),
 * chat lines, its close.
 */
final class ClusterPlayer {
    final TickcastClient client;
    final String localAddress;
    final List<ChatMessage> chat = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final AtomicLong snapshots = new AtomicLong();
    private volatile long lastSnapshotNs;
    private volatile long maxGapNs;
    volatile Seat seat;

    ClusterPlayer(Vertx vertx, String host, int port, String localAddress) {
        this.localAddress = localAddress;
        this.client = new TickcastClient(vertx, host, port, new WebSocketClientOptions().setLocalAddress(localAddress))
                .decodeSnapshots(false);
        client.onRawSnapshot(b -> {
            long now = System.nanoTime();
            if (lastSnapshotNs != 0) {
                maxGapNs = Math.max(maxGapNs, now - lastSnapshotNs);
            }
            lastSnapshotNs = now;
            snapshots.incrementAndGet();
        });
        client.onChat(chat::add);
        client.onClose((code, reason) -> closed.complete(code));
    }

    Future<Seat> matchmake(String name) {
        return client.matchmake("arena", name).onSuccess(s -> seat = s);
    }

    Future<Void> join() {
        return client.join(seat);
    }

    /** Forgets the longest gap so far (to measure a window). */
    void resetGap() {
        maxGapNs = 0;
    }

    long maxGapMs() {
        return maxGapNs / 1_000_000;
    }
}
