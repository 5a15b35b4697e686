package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.room.RoomEntry;
import dev.tickcast.server.internal.room.Session;

import java.util.ArrayList;
import java.util.List;

/** A room entry that runs its tasks at once and records the calls a session makes. */
final class FakeRoom implements RoomEntry {
    final List<String> calls = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    int tasks;

    @Override
    public void execute(Runnable task) {
        tasks++;
        task.run();
    }

    @Override
    public void join(Session session) {
        record("join", session);
    }

    @Override
    public void resume(Session session, int seat) {
        record("resume " + seat, session);
    }

    @Override
    public void watch(Session session) {
        record("watch", session);
    }

    @Override
    public void leave(Session session) {
        record("leave", session);
    }

    @Override
    public void drop(Session session) {
        record("drop", session);
    }

    @Override
    public void drain(Session session) {
        record("drain", session);
    }

    /** How many times the session asked the room to drain its inbox. */
    long drains() {
        return calls.stream().filter("drain"::equals).count();
    }

    private void record(String call, Session session) {
        calls.add(call);
        sessions.add(session);
    }
}
