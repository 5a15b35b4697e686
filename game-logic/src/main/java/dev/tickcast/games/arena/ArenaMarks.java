package dev.tickcast.games.arena;

import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Table;

/**
 * The moments the arena marks in its recording ({@link RoomContext#mark}): "NAME takes the lead"
 * when another player leads alone (at most one such mark per {@value #LEAD_GAP_SECONDS} s, so two
 * players trading the lead do not fill the timeline), and "NAME reaches N" when the leader's score
 * passes a multiple of {@value #MILESTONE} (the others' milestones pass unmarked): a few marks a
 * minute in a 16-player match, not one per player per hundred points. Looked at only in a step where some player scored, so an idle
 * room does nothing; a room that does not record ignores the marks.
 */
final class ArenaMarks {
    static final int LEAD_GAP_SECONDS = 20;
    static final int MILESTONE = 500;

    private final RoomContext room;
    private final ArenaRules rules;
    private final int leadGapTicks;
    private final int[] reached;
    private int leader = -1;
    private int leadTick;

    ArenaMarks(RoomContext room, ArenaRules rules) {
        this.room = room;
        this.rules = rules;
        this.leadGapTicks = LEAD_GAP_SECONDS * room.tickHz();
        this.reached = new int[room.maxPlayers()];
        this.leadTick = -leadGapTicks;
    }

    /** A player sat in {@code seat}: its milestones start again. */
    void joined(int seat) {
        reached[seat] = 0;
    }

    /** After a step at {@code tick}. */
    void stepped(int tick) {
        if (!rules.playerScored()) {
            return;
        }
        Table players = rules.players();
        int best = 0;
        int bestSeat = -1;
        boolean tie = false;
        for (int seat = 0; seat < reached.length; seat++) {
            int entity = rules.entityOf(seat);
            if (entity < 0) {
                continue;
            }
            int score = players.getInt(players.rowOf(entity), ArenaSchemas.PLAYER_SCORE);
            if (score > best) {
                best = score;
                bestSeat = seat;
                tie = false;
            } else if (score == best && score > 0) {
                tie = true;
            }
        }
        int bestEntity = bestSeat < 0 || tie ? -1 : rules.entityOf(bestSeat);
        if (bestEntity >= 0 && best / MILESTONE > reached[bestSeat]) {
            reached[bestSeat] = best / MILESTONE;
            room.mark(players.getString(players.rowOf(bestEntity), ArenaSchemas.PLAYER_NAME) + " reaches "
                    + reached[bestSeat] * MILESTONE);
        }
        if (bestEntity >= 0 && !tie && bestEntity != leader && tick - leadTick >= leadGapTicks) {
            leader = bestEntity;
            leadTick = tick;
            room.mark(players.getString(players.rowOf(bestEntity), ArenaSchemas.PLAYER_NAME) + " takes the lead");
        }
    }
}
