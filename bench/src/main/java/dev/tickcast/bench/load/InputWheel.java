package dev.tickcast.bench.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's input schedule: a wheel of one-millisecond slots round the 50 ms input period.
 * Each bot sits in the slot of its random phase, so the bots of a room do not all send in the same
 * instant against the server's tick; one timer per loop serves every bot on it (a timer per bot
 * would cost more than the inputs). Loop thread only, except {@link #add}, which hops to it.
 */
final class InputWheel {
    static final int PERIOD_MS = 50;

    private final EventLoop loop;
    /** A bot the wheel drives. */
    interface Member {
        /** Sends (or queues) the next input; called on the wheel's event loop. */
        void sendInput();
    }

    private final List<List<Member>> slots = new ArrayList<>(PERIOD_MS);
    private ScheduledFuture<?> timer;
    private int slot;

    InputWheel(EventLoop loop) {
        this.loop = loop;
        for (int i = 0; i < PERIOD_MS; i++) {
            slots.add(new ArrayList<>());
        }
    }

    /** Puts {@code bot} in slot {@code phase} (0..49); it sends its first input when the slot comes round. */
    void add(Member bot, int phase) {
        loop.execute(() -> {
            slots.get(phase).add(bot);
            if (timer == null) {
                timer = loop.scheduleAtFixedRate(this::turn, 1, 1, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void turn() {
        slot = (slot + 1) % PERIOD_MS;
        List<Member> due = slots.get(slot);
        for (int i = 0, n = due.size(); i < n; i++) {
            due.get(i).sendInput();
        }
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
