package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.room.ClientLink;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/** A transport without a socket: records what the session sends, pings, closes and logs. */
final class FakeTransport implements ClientTransport, ClientLink {
    final List<Buffer> sent = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    int pings;
    int closes;
    short serverCode;
    String reason;
    int clientCode = -1;
    /** True: answers pings with pongs (a WebSocket), so the session measures round trips. */
    boolean pongs = true;
    int rttMs = -1;

    @Override
    public ClientLink link() {
        return this;
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public boolean measuresRoundTrip() {
        return pongs;
    }

    @Override
    public void roundTrip(int ms) {
        rttMs = ms;
    }

    @Override
    public int rttMs() {
        return rttMs;
    }

    @Override
    public void close(short code, String reason) {
        closes++;
        serverCode = code;
        this.reason = reason;
    }

    @Override
    public int clientCloseCode() {
        return clientCode;
    }

    @Override
    public short serverCloseCode() {
        return serverCode;
    }

    @Override
    public void logViolation(short code, String reason) {
        violations.add(code + ": " + reason);
    }

    @Override
    public boolean writable() {
        return !closed();
    }

    @Override
    public void send(Buffer message) {
        sent.add(message);
    }

    @Override
    public boolean closed() {
        return serverCode != 0 || clientCode != -1;
    }

    @Override
    public String remote() {
        return "fake";
    }
}
