package dev.tickcast.server.internal.session;

import dev.tickcast.game.Identity;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/** A client session on a fake transport and a fake room, with a manual clock and frame builders. */
abstract class SessionFixture {
    static final long MS = 1_000_000L;
    static final long T0 = 1_000_000_000_000L;
    /** The server's defaults: 60 messages a second (burst 120), chat 2 (5), game messages 20 (40). */
    static final SessionLimits DEFAULTS = new SessionLimits(60, 120, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20);

    final Kryo kryo = Messages.newKryo();
    final FakeTransport transport = new FakeTransport();
    final FakeRoom room = new FakeRoom();
    final List<String> tokens = new ArrayList<>();
    /** What the next claim answers. */
    Admission admission = new Admission(Claim.Status.OK, room, Identity.guest("ann"), Admission.NEW_SEAT, "reconnect-1");
    long now = T0;
    ClientSession session;

    ClientSession open(SessionLimits limits) {
        session = new ClientSession(transport, token -> {
            tokens.add(token);
            return admission;
        }, kryo, limits, () -> now);
        return session;
    }

    /** Opens a session with the defaults and joins it. */
    ClientSession joined() {
        open(DEFAULTS);
        session.onMessage(join("seat-1"));
        return session;
    }

    Buffer join(String token) {
        return frame(new JoinMessage(Protocol.VERSION, token));
    }

    Buffer input(int seq) {
        return frame(new InputMessage(seq, 0, new byte[] {1}));
    }

    Buffer ping() {
        return frame(new PingMessage(7, 0));
    }

    Buffer chat(String text) {
        return frame(new ChatSendMessage(text));
    }

    Buffer game(int type) {
        return frame(new GameSendMessage(type, 0, new byte[] {2}));
    }

    static Buffer bytes(int... values) {
        Buffer b = Buffer.buffer();
        for (int v : values) {
            b.appendByte((byte) v);
        }
        return b;
    }

    Buffer frame(Object message) {
        Output out = new Output(256, -1);
        Messages.write(kryo, out, message);
        return Buffer.buffer(out.toBytes());
    }

    /** Sends {@code message} {@code n} times at the current time. */
    void send(Buffer message, int n) {
        for (int i = 0; i < n; i++) {
            session.onMessage(message);
        }
    }
}
