package dev.tickcast.server.internal.room;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One tick driver per event loop and tick rate, stepping every room of that loop and rate on one
 * timer: a loop with 30 rooms at 60 Hz sets 60 timers a second, not 1,800, and its rooms broadcast
 * together, so their writes to other loops go out in a few batches. A room's first step comes at
 * the loop's next tick after its first JOIN. An idle group (no room) holds no timer. The loop's
 * thread only; found through the context's data.
 */
final class LoopTicker {
    private static final String KEY = LoopTicker.class.getName();

    private final Context context;
    private final Map<Integer, Group> groups = new HashMap<>();

    private LoopTicker(Context context) {
        this.context = context;
    }

    /** The ticker of {@code context}'s loop (created on first use; call on that loop). */
    static LoopTicker on(Context context) {
        LoopTicker ticker = context.get(KEY);
        if (ticker == null) {
            ticker = new LoopTicker(context);
            context.put(KEY, ticker);
        }
        return ticker;
    }

    /** Steps {@code room} from the next tick of its rate on. */
    void add(Room room, LongSupplier nanoClock) {
        groups.computeIfAbsent(room.spec().tickHz(), hz -> new Group(hz, nanoClock)).add(room);
    }

    /** Stops stepping {@code room}. */
    void remove(Room room) {
        Group g = groups.get(room.spec().tickHz());
        if (g != null) {
            g.remove(room);
        }
    }

    private final class Group {
        private final TickDriver clock;
        private Room[] rooms = new Room[8];
        private Room[] stepping = new Room[8];
        private int size;
        private final Handler<Long> fire = t -> onTimer();
        private long timerId = -1;
        private long droppedSeen;

        Group(int tickHz, LongSupplier nanoClock) {
            this.clock = new TickDriver(tickHz, nanoClock);
        }

        void add(Room room) {
            if (size == rooms.length) {
                rooms = Arrays.copyOf(rooms, size * 2);
                stepping = new Room[rooms.length];
            }
            rooms[size++] = room;
            if (size == 1) {
                clock.start();
                droppedSeen = clock.droppedTicks();
                schedule();
            }
        }

        void remove(Room room) {
            for (int i = 0; i < size; i++) {
                if (rooms[i] == room) {
                    rooms[i] = rooms[--size];
                    rooms[size] = null;
                    break;
                }
            }
            if (size == 0 && timerId >= 0) {
                context.owner().cancelTimer(timerId);
                timerId = -1;
            }
        }

        private void onTimer() {
            timerId = -1;
            int due = clock.dueSteps();
            long dropped = clock.droppedTicks() - droppedSeen;
            droppedSeen = clock.droppedTicks();
            // a room may leave the group while it steps (it is disposed): step a copy of the list
            int n = size;
            System.arraycopy(rooms, 0, stepping, 0, n);
            for (int i = 0; i < n; i++) {
                stepping[i].addDroppedTicks(dropped);
                if (due > 1) {
                    stepping[i].addLateSteps(due - 1);
                }
            }
            for (int step = 0; step < due; step++) {
                clock.advance();
                for (int i = 0; i < n; i++) {
                    stepping[i].tickOnce();
                }
            }
            Arrays.fill(stepping, 0, n, null);
            if (size > 0) {
                schedule();
            }
        }

        private void schedule() {
            long delayMs = Math.max(1, (clock.nanosToNext() + 999_999) / 1_000_000);
            timerId = context.owner().setTimer(delayMs, fire);
        }
    }
}
