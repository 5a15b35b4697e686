package dev.tickcast.server.internal.room;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-loop timer that steps rooms: one {@link StepClock} per event loop and step rate, stepping
 * every room of that loop and rate on one timer: a loop with 30 rooms at 60 Hz sets 60 timers a
 * second, not 1,800, and its rooms broadcast together, so their writes to other loops go out in a
 * few batches. A room's first step comes at the loop's next step after its first JOIN. An idle
 * group (no room) holds no timer. The loop's thread only; found through the context's data.
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

    /**
     * Runs {@code step} from the next step of the loop's {@code stepHz} schedule on, counting the
     * room's late and dropped steps in {@code stats}; returns what stops it.
     */
    Runnable add(Runnable step, RoomStats stats, int stepHz, LongSupplier nanoClock) {
        Group group = groups.computeIfAbsent(stepHz, hz -> new Group(hz, nanoClock));
        Member member = new Member(step, stats);
        group.add(member);
        return () -> group.remove(member);
    }

    /** One room of a group: its step and its figures. */
    private record Member(Runnable step, RoomStats stats) {
    }

    private final class Group {
        private final StepClock clock;
        private Member[] members = new Member[8];
        private Member[] stepping = new Member[8];
        private int size;
        private final Handler<Long> fire = t -> onTimer();
        private long timerId = -1;
        private long droppedSeen;

        Group(int stepHz, LongSupplier nanoClock) {
            this.clock = new StepClock(stepHz, nanoClock);
        }

        void add(Member member) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
                stepping = new Member[members.length];
            }
            members[size++] = member;
            if (size == 1) {
                clock.start();
                droppedSeen = clock.droppedSteps();
                schedule();
            }
        }

        void remove(Member member) {
            for (int i = 0; i < size; i++) {
                if (members[i] == member) {
                    members[i] = members[--size];
                    members[size] = null;
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
            long dropped = clock.droppedSteps() - droppedSeen;
            droppedSeen = clock.droppedSteps();
            // a room may leave the group while it steps (it is disposed): step a copy of the list
            int n = size;
            System.arraycopy(members, 0, stepping, 0, n);
            for (int i = 0; i < n; i++) {
                RoomStats stats = stepping[i].stats();
                stats.droppedTicks += dropped;
                if (due > 1) {
                    stats.lateSteps += due - 1;
                }
            }
            for (int step = 0; step < due; step++) {
                clock.advance();
                for (int i = 0; i < n; i++) {
                    stepping[i].step().run();
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
