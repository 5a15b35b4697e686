package dev.tickcast.game.testing;

import dev.tickcast.game.interest.CellIndex;
import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.ViewCells;
import dev.tickcast.game.rewind.CellHistory;
import dev.tickcast.game.rewind.SentSnapshots;
import dev.tickcast.state.SnapshotRing;
import dev.tickcast.state.World;

/**
 * A local room's cells, as a server room's broadcast keeps them for lag compensation: the cell
 * layout of each snapshot of its ring and the cells each player watches when it is sent one
 * (the same {@link CellIndex} and {@link ViewCells} rules), without encoding any message.
 */
final class LocalCells implements CellHistory {
    private final Interest interest;
    private final CellIndex index;
    private final ViewCells viewCells;
    private final CellLayout[] layouts = new CellLayout[SnapshotRing.CAPACITY];
    private final boolean[] cellTable;
    private long captures;

    LocalCells(Interest interest, World world, int maxPlayers) {
        this.interest = interest;
        this.index = new CellIndex(interest.spec());
        this.viewCells = new ViewCells(interest.spec(), maxPlayers);
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = new CellLayout(world.tables().size(), index);
        }
        cellTable = new boolean[world.tables().size()];
        for (int t = 0; t < index.tableCount(); t++) {
            cellTable[index.table(t).index()] = true;
        }
    }

    /** The world was just captured at {@code tick}: its cells too. */
    void capture(int tick) {
        index.update();
        layouts[(int) (captures++ % layouts.length)].capture(index, tick);
    }

    /** Broadcast {@code sequence} goes to {@code seat}: its cells move on from its view, and are recorded. */
    void send(SentSnapshots sent, int seat, long sequence) {
        viewCells.update(interest.views(), seat);
        sent.sent(seat, sequence, viewCells);
    }

    /** A seat's player left or lost its snapshots: it holds no cell. */
    void forget(int seat) {
        viewCells.forget(seat);
    }

    @Override
    public CellLayout layout(int tick) {
        for (CellLayout l : layouts) {
            if (l.tick() == tick && tick >= 0) {
                return l;
            }
        }
        return null;
    }

    @Override
    public boolean cellTable(int table) {
        return cellTable[table];
    }
}
