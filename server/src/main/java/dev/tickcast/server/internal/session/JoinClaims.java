package dev.tickcast.server.internal.session;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;

/**
 * Reads a JOIN (docs/PROTOCOL.md 7.1) and claims the seat its token names; a refusal is the close
 * code and reason of section 12.2. The session's thread only (its Kryo is that thread's).
 */
final class JoinClaims {
    /** Where a refusal goes: the session closes with it. */
    @FunctionalInterface
    interface Refusal {
        void refuse(short code, String reason);
    }

    private final SeatClaims seats;
    private final Kryo kryo;
    private final Input input = new Input();

    JoinClaims(SeatClaims seats, Kryo kryo) {
        this.seats = seats;
        this.kryo = kryo;
    }

    /** The admission of the JOIN frame {@code message}, or null once {@code refusal} has been told why not. */
    Admission claim(Buffer message, Refusal refusal) {
        input.setBuffer(message.getBytes());
        input.setPosition(1);
        JoinMessage join = kryo.readObject(input, JoinMessage.class);
        if (join == null) {
            refusal.refuse(Protocol.CLOSE_INVALID_PAYLOAD, "malformed join");
            return null;
        }
        if (join.version() != Protocol.VERSION) {
            refusal.refuse(Protocol.CLOSE_BAD_VERSION, "protocol version " + join.version() + " not supported");
            return null;
        }
        Admission admission = seats.claim(join.token());
        switch (admission.status()) {
            case OK -> {
                return admission;
            }
            case EXPIRED -> refusal.refuse(Protocol.CLOSE_SEAT_EXPIRED, "seat token expired");
            case USED -> refusal.refuse(Protocol.CLOSE_SEAT_USED, "seat token already used");
            case ROOM_CLOSED -> refusal.refuse(Protocol.CLOSE_ROOM_CLOSED, "room closed");
            default -> refusal.refuse(Protocol.CLOSE_BAD_SEAT, "invalid seat token");
        }
        return null;
    }
}
