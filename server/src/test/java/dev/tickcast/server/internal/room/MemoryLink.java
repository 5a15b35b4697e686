package dev.tickcast.server.internal.room;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/** An in-memory link that records what it is sent and can pretend its write queue is full. */
final class MemoryLink implements ClientLink {
    final List<Buffer> sent = new ArrayList<>();
    boolean writable = true;
    short closeCode;
    String closeReason;

    @Override
    public boolean writable() {
        return writable && closeCode == 0;
    }

    @Override
    public void send(Buffer message) {
        sent.add(message);
    }

    @Override
    public void close(short code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public boolean closed() {
        return closeCode != 0;
    }

    @Override
    public String remote() {
        return "memory";
    }
}
