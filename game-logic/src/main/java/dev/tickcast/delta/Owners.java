package dev.tickcast.delta;

import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.OwnerOnlyFields;
import dev.tickcast.state.Field;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;
import java.util.List;

/**
 * Who owns which rows of the tables with owner-only fields, in one snapshot: per declaration, a
 * list of rows per player id (heads and links, rebuilt in one pass over the table per broadcast),
 * so a player's owned entries (docs/PROTOCOL.md 10.13) cost its own rows only. The room's thread.
 */
final class Owners {
    private final int[] table;
    private final int[] ownerField;
    private final int[] mask;
    private final int[][] head;
    private int[][] next;

    Owners(InterestSpec spec, int maxPlayers) {
        List<OwnerOnlyFields> decls = spec.ownerOnly();
        int n = decls.size();
        table = new int[n];
        ownerField = new int[n];
        mask = new int[n];
        head = new int[n][maxPlayers];
        next = new int[n][64];
        for (int d = 0; d < n; d++) {
            OwnerOnlyFields o = decls.get(d);
            table[d] = o.table().index();
            ownerField[d] = o.owner() == null ? -1 : o.owner().index();
            for (Field f : o.fields()) {
                mask[d] |= 1 << f.index();
            }
        }
    }

    /** Rebuilds the lists from {@code s}. */
    void index(Snapshot s) {
        for (int d = 0; d < table.length; d++) {
            TableSnapshot t = s.table(table[d]);
            int[] h = head[d];
            Arrays.fill(h, -1);
            if (ownerField[d] < 0) {
                continue; // body-only: the player's own body, found by its id at send time
            }
            if (next[d].length < t.count()) {
                next[d] = new int[Math.max(t.count(), next[d].length * 2)];
            }
            for (int row = t.count() - 1; row >= 0; row--) {
                int owner = t.value(row, ownerField[d]);
                if (owner >= 0 && owner < h.length) {
                    next[d][row] = h[owner];
                    h[owner] = row;
                }
            }
        }
    }

    int declarations() {
        return table.length;
    }

    int table(int d) {
        return table[d];
    }

    /** True if declaration {@code d} is body-only (owned by the player whose body the entity is). */
    boolean body(int d) {
        return ownerField[d] < 0;
    }

    int mask(int d) {
        return mask[d];
    }

    /** The first row of declaration {@code d} that {@code player} owns, or -1. */
    int first(int d, int player) {
        return head[d][player];
    }

    /** The next row after {@code row} with the same owner, or -1. */
    int next(int d, int row) {
        return next[d][row];
    }
}
