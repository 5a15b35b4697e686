package dev.tickcast.delta;

import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.OwnerOnlyFields;
import dev.tickcast.state.Field;
import dev.tickcast.state.World;

/** The wire split of a room with interest: global tables and owner-only fields, from the game's spec. */
final class CellFormats {
    private CellFormats() {
    }

    static CellFormat of(InterestSpec spec, World world) {
        int n = world.tables().size();
        boolean[] global = new boolean[n];
        int[] hidden = new int[n];
        for (int i = 0; i < n; i++) {
            global[i] = spec.globals().contains(world.table(i));
        }
        for (OwnerOnlyFields o : spec.ownerOnly()) {
            for (Field f : o.fields()) {
                hidden[o.table().index()] |= 1 << f.index();
            }
        }
        return new CellFormat(global, hidden);
    }
}
