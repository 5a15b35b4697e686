package dev.tickcast.game.driver;

/**
 * What {@link GameDriver#join} decided: the seat and the entity of an admitted player, or the
 * verdict and the reason of a refusal. One is made per join (joins are not a hot path).
 *
 * @param verdict {@link Verdict#ACCEPTED}, {@link Verdict#ROOM_FULL}, {@link Verdict#JOIN_REFUSED},
 *                {@link Verdict#FAILED} or {@link Verdict#DISPOSED}
 * @param seat    the player's seat (its player id), or -1 if refused
 * @param entity  the entity {@code onJoin} returned (-1: none), or -1 if refused
 * @param reason  the close reason if refused (the game's own text for {@link Verdict#JOIN_REFUSED}), else null
 */
public record Admission(Verdict verdict, int seat, int entity, String reason) {
    static final Admission ROOM_FULL = refused(Verdict.ROOM_FULL);
    static final Admission FAILED = refused(Verdict.FAILED);
    static final Admission DISPOSED = refused(Verdict.DISPOSED);

    /** The refusal for {@code verdict}, with its fixed reason. */
    static Admission refused(Verdict verdict) {
        return new Admission(verdict, -1, -1, verdict.reason());
    }

    /** True if the player was seated. */
    public boolean admitted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** The close code for a refused player's connection; 0 if admitted. */
    public short closeCode() {
        return verdict.closeCode();
    }
}
