package dev.tickcast.game.testing;

import dev.tickcast.game.driver.GameDriver;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.rewind.LagCompensation;
import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.game.rewind.SentSnapshots;
import dev.tickcast.state.SnapshotRing;

/**
 * A local room's broadcasts over a perfect network, for lag compensation: a snapshot every
 * {@code snapshotEveryTicks} steps into a ring, as a server room captures them, sent to every
 * seated player (but those whose snapshots are held back, to test stamps of snapshots never sent),
 * with its cells when the game declared interest. Nothing is encoded.
 */
final class LocalBroadcast {
    private final GameDriver driver;
    private final SnapshotRing ring;
    private final SentSnapshots sent;
    private final LocalCells cells;
    private final boolean[] held;
    private final int every;

    LocalBroadcast(GameDriver driver) {
        this.driver = driver;
        int seats = driver.context().maxPlayers();
        this.ring = new SnapshotRing(driver.world().schemas());
        this.sent = new SentSnapshots(seats);
        Interest interest = driver.interest();
        this.cells = interest == null ? null : new LocalCells(interest, driver.world(), seats);
        this.held = new boolean[seats];
        this.every = driver.context().spec().snapshotEveryTicks();
        driver.lagCompensation(new LagCompensator(driver.context().tickHz(), LagCompensation.DEFAULT, ring, sent, cells));
    }

    /** After a step: the snapshot, if one is due, captured and sent. */
    void stepped() {
        int tick = driver.tick();
        if (tick % every != 0) {
            return;
        }
        ring.capture(driver.world(), tick);
        if (cells != null) {
            cells.capture(tick);
        }
        long sequence = ring.newestSequence();
        for (int seat = 0; seat < held.length; seat++) {
            if (!driver.seated(seat) || held[seat]) {
                continue;
            }
            if (cells != null) {
                cells.send(sent, seat, sequence);
            } else {
                sent.sent(seat, sequence);
            }
        }
    }

    /** A new player took {@code seat}: it holds nothing yet (the driver reset what it was sent). */
    void joined(int seat) {
        held[seat] = false;
        if (cells != null) {
            cells.forget(seat);
        }
    }

    void hold(int seat, boolean hold) {
        held[seat] = hold;
    }

    SnapshotRing ring() {
        return ring;
    }
}
