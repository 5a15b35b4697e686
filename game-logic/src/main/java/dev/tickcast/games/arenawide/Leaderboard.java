package dev.tickcast.games.arenawide;

import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Table;

/**
 * Keeps the leader table equal to the top {@code size} players by score (ties: lower entity id
 * first). A refresh scans the player table once, O(players x size), and writes only the cells
 * that changed, so an unchanged ranking costs nothing on the wire. Allocation-free once the
 * table has its rows.
 */
final class Leaderboard {
    private final Table leaders;
    private final Table players;
    private final int[] topRow;
    private final int[] topScore;
    private int count;

    Leaderboard(Table leaders, Table players, int size) {
        this.leaders = leaders;
        this.players = players;
        topRow = new int[size];
        topScore = new int[size];
    }

    /** Recomputes the ranking from the player table and writes what changed into the leader table. */
    void refresh() {
        rank();
        while (leaders.size() > count) {
            leaders.remove(leaders.id(leaders.size() - 1));
        }
        while (leaders.size() < count) {
            int row = leaders.addRow();
            leaders.setInt(row, ArenaWideSchemas.LEADER_RANK, row + 1);
            leaders.setInt(row, ArenaWideSchemas.LEADER_PLAYER, -1);
        }
        for (int i = 0; i < count; i++) {
            write(i, topRow[i], topScore[i]);
        }
    }

    /** Rows are in entity-id order, so a later row with an equal score never passes an earlier one. */
    private void rank() {
        count = 0;
        int k = topRow.length;
        for (int row = 0; row < players.size(); row++) {
            int score = players.getInt(row, ArenaSchemas.PLAYER_SCORE);
            if (count == k && score <= topScore[k - 1]) {
                continue;
            }
            int i = count < k ? count++ : k - 1;
            while (i > 0 && topScore[i - 1] < score) {
                topRow[i] = topRow[i - 1];
                topScore[i] = topScore[i - 1];
                i--;
            }
            topRow[i] = row;
            topScore[i] = score;
        }
    }

    private void write(int rank, int playerRow, int score) {
        int id = players.id(playerRow);
        if (leaders.getInt(rank, ArenaWideSchemas.LEADER_PLAYER) != id) {
            leaders.setInt(rank, ArenaWideSchemas.LEADER_PLAYER, id);
            leaders.setString(rank, ArenaWideSchemas.LEADER_NAME, players.getString(playerRow, ArenaSchemas.PLAYER_NAME));
        }
        if (leaders.getInt(rank, ArenaWideSchemas.LEADER_SCORE) != score) {
            leaders.setInt(rank, ArenaWideSchemas.LEADER_SCORE, score);
        }
    }
}
