package dev.tickcast.game.testing;

import dev.tickcast.game.driver.RoomPort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A local room's port: every seated player is reachable; messages, events, kicks and marks are recorded, faults kept for rethrow. */
final class Recorder implements RoomPort {
    final List<LocalRoom.Sent> sent = new ArrayList<>();
    final List<LocalRoom.Event> events = new ArrayList<>();
    final List<LocalRoom.Kick> kicks = new ArrayList<>();
    final List<String> marks = new ArrayList<>();
    RuntimeException fault;
    String faultIn;
    private byte[] payload;
    private int type;

    @Override
    public boolean reachable(int seat) {
        return true;
    }

    @Override
    public void send(int seat, byte[] frame, int length) {
        if (payload == null) {
            boolean wide = (frame[1] & 0x80) != 0; // a type over 127 takes two varuint bytes
            type = wide ? (frame[1] & 0x7F) | (frame[2] & 0xFF) << 7 : frame[1] & 0xFF;
            payload = Arrays.copyOfRange(frame, wide ? 3 : 2, length);
        }
        sent.add(new LocalRoom.Sent(seat, type, payload));
    }

    @Override
    public void flush() {
        payload = null;
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        events.add(new LocalRoom.Event(name, data));
    }

    @Override
    public void mark(String text) {
        marks.add(text);
    }

    @Override
    public void kick(int seat, String why) {
        kicks.add(new LocalRoom.Kick(seat, why));
    }

    @Override
    public void onFault(String callback, RuntimeException e) {
        if (fault == null) {
            fault = e;
            faultIn = callback;
        } else {
            fault.addSuppressed(e);
        }
    }
}
