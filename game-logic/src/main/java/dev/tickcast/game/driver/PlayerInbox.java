package dev.tickcast.game.driver;

import dev.tickcast.game.Game;
import dev.tickcast.game.InputReader;
import dev.tickcast.wire.Protocol;

/**
 * The rules for what a seated player sends the game (INPUT and GAME_SEND), their counters and the
 * reason of the last verdict. One reused reader; nothing is allocated per call.
 */
final class PlayerInbox {
    private final GameDriver driver;
    private final SeatTable seats;
    private final SeatViews views;
    private final InputReader reader = new InputReader();
    private Verdict last = Verdict.ACCEPTED;
    private int lastType;
    final PlayerCounters counters = new PlayerCounters();

    PlayerInbox(GameDriver driver, SeatTable seats) {
        this.driver = driver;
        this.seats = seats;
        this.views = seats.views;
    }

    Verdict input(Game game, int seat, int seq, int view, byte[] bytes, int offset, int length) {
        counters.inputs++;
        if (seq <= seats.lastSeq(seat)) {
            return verdict(seq < 0 ? Verdict.BAD_SEQUENCE : Verdict.SEQUENCE_NOT_INCREASING);
        }
        reader.reset(bytes, offset, length);
        boolean ok;
        views.handling(seat, view); // RoomContext.rewind(seat) shows this message's view while the game handles it
        try {
            ok = game.onInput(seat, seq, reader);
        } catch (RuntimeException e) {
            driver.fail("onInput", e);
            return verdict(Verdict.FAILED);
        } finally {
            views.handled();
        }
        if (!ok) {
            return verdict(Verdict.MALFORMED_INPUT);
        }
        seats.lastSeq(seat, seq);
        counters.inputsAccepted++;
        return verdict(Verdict.ACCEPTED);
    }

    Verdict message(Game game, int seat, int type, int view, byte[] bytes, int offset, int length) {
        counters.gameMessages++;
        lastType = type;
        if (type < 0 || type > Protocol.MAX_GAME_MESSAGE_TYPE) {
            return verdict(Verdict.BAD_MESSAGE_TYPE);
        }
        if (length > Protocol.MAX_GAME_PAYLOAD_BYTES) {
            return verdict(Verdict.MESSAGE_TOO_BIG);
        }
        reader.reset(bytes, offset, length);
        boolean ok;
        views.handling(seat, view);
        try {
            ok = game.onMessage(seat, type, reader);
        } catch (RuntimeException e) {
            driver.fail("onMessage", e);
            return verdict(Verdict.FAILED);
        } finally {
            views.handled();
        }
        if (!ok) {
            return verdict(Verdict.MESSAGE_REFUSED);
        }
        counters.gameMessagesAccepted++;
        return verdict(Verdict.ACCEPTED);
    }

    /** The close reason of the last verdict; the refused message's names its type (built on call). */
    String reason() {
        if (last == Verdict.MESSAGE_REFUSED) {
            return "game message of type " + lastType + " refused by the game";
        }
        return last.reason();
    }

    Verdict verdict(Verdict v) {
        last = v;
        return v;
    }
}
