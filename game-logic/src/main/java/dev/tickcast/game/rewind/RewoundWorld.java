package dev.tickcast.game.rewind;

import dev.tickcast.state.Field;
import dev.tickcast.state.Table;

/**
 * The world as one player saw it when it sent the message being handled (lag compensation): the two
 * snapshots it drew between and where it was between them, read from the room's snapshot ring, with
 * nothing recorded per entity. Get it with {@code RoomContext.rewind(playerId)} from {@code onInput}
 * or {@code onMessage}; it is the room's one reused view, valid until that call returns.
 *
 * <p>Rows are those of the later snapshot ({@code b}) that the player had: in a room with interest
 * management only entities of cells it held then (and global tables). Values are read the way the
 * SDK's {@code Interpolator} draws them: QFLOAT fields blended linearly between the two snapshots
 * ({@link #getFloat}), or along the shorter arc for angles in radians ({@link #getAngle}), other
 * fields from the nearer snapshot; an entity absent from the earlier snapshot shows its later values.
 * Tables and fields are the game's own handles (the present is still {@code RoomContext.world()}).
 * No allocation.
 */
public final class RewoundWorld {
    RewoundWorld() {
    }

    /** How the stamp was judged; anything but {@link ViewReason#EXACT} is a {@link #clamped()} view. */
    public ViewReason reason() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** True if the view is not the one the player stamped (no stamp, refused, too old, or disagreeing). */
    public boolean clamped() {
        return reason() != ViewReason.EXACT;
    }

    /** The tick of the earlier snapshot ({@code a}). */
    public int tick() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The tick of the later snapshot ({@code b}; {@link #tick()} when the view is one snapshot). */
    public int nextTick() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Where the view is between the two snapshots, 0 to 1. */
    public float fraction() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** How old the view is, in ms of server time, from the room's current tick. */
    public int ageMs() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The rows of {@code table} in the view's later snapshot (some may not have been seen: {@link #seen}). */
    public int size(Table table) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The entity id of a row. */
    public int id(Table table, int row) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** True if the player had this row's entity (always, without interest management). */
    public boolean seen(Table table, int row) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The row of entity {@code id} in the view, or -1 if the player did not have it. */
    public int rowOf(Table table, int id) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A QFLOAT (or INT) field blended linearly, as drawn. */
    public float getFloat(Table table, int row, Field field) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A QFLOAT field holding an angle in radians, blended along the shorter arc. */
    public float getAngle(Table table, int row, Field field) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** An INT field from the nearer snapshot. */
    public int getInt(Table table, int row, Field field) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A BOOL field from the nearer snapshot. */
    public boolean getBool(Table table, int row, Field field) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A STRING field from the nearer snapshot. */
    public String getString(Table table, int row, Field field) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * The rows of {@code table} the player had whose position ({@code x}, {@code y}, as drawn) is
     * within {@code radius} of ({@code px}, {@code py}), written into {@code rows} (at most its
     * length, in id order); returns how many.
     */
    public int near(Table table, Field x, Field y, float px, float py, float radius, int[] rows) {
        throw new UnsupportedOperationException("skeleton");
    }
}
