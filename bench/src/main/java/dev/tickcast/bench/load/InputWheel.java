package dev.tickcast.bench.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's input schedule: one input per bot in every 50 ms period, each at the one-millisecond
 * slot of that period the bot gives ({@link Member#nextSlot()}: a measuring bot draws it afresh for
 * every input, so that its inputs fall at every phase of the server's tick and input-to-visible is a
 * distribution, not the few values of a few fixed phases), the rate one input per period. The slots are
 * a ring of two periods, as the next input of a bot is 1 to 99 ms ahead; one timer per loop serves
 * every bot on it (a timer per bot would cost more than the inputs). Loop thread only, except
 * {@link #add}, which hops to it.
 */
final class InputWheel {
    static final int PERIOD_MS = 50;
    private static final int RING = 2 * PERIOD_MS;

    /** A bot the wheel drives. */
    interface Member {
        /** Sends (or queues) the next input; called on the wheel's event loop. */
        void sendInput();

        /** The slot (0 .. PERIOD_MS - 1) of the next input within its period. */
        int nextSlot();
    }

    private final EventLoop loop;
    private final List<List<Member>> slots = new ArrayList<>(RING);
    private ScheduledFuture<?> timer;
    /** Milliseconds the wheel has turned; the slot being served is {@code turns % RING}. */
    private long turns;

    InputWheel(EventLoop loop) {
        this.loop = loop;
        for (int i = 0; i < RING; i++) {
            slots.add(new ArrayList<>());
        }
    }

    /** Adds {@code bot}; it sends its first input in the next period, at the slot it draws. */
    void add(Member bot) {
        loop.execute(() -> {
            place(bot);
            if (timer == null) {
                timer = loop.scheduleAtFixedRate(this::turn, 1, 1, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Puts {@code bot} in the slot it draws in the period after the current one (1 to 99 ms ahead). */
    private void place(Member bot) {
        long nextPeriod = (turns / PERIOD_MS + 1) * PERIOD_MS;
        slots.get((int) ((nextPeriod + bot.nextSlot()) % RING)).add(bot);
    }

    private void turn() {
        turns++;
        List<Member> due = slots.get((int) (turns % RING));
        // place() never lands in the slot being served, so this list does not grow while it is read
        for (int i = 0, n = due.size(); i < n; i++) {
            Member bot = due.get(i);
            bot.sendInput();
            place(bot);
        }
        due.clear();
    }

    /** Stops the timer and forgets every bot (on the loop); {@link #add} starts it again. */
    void stop() {
        loop.execute(() -> {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            slots.forEach(List::clear);
        });
    }
}
