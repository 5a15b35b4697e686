package dev.tickcast.server.internal.engine;

import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.cluster.ClusterNode;
import dev.tickcast.server.internal.match.LocalMatch;
import dev.tickcast.server.internal.match.MatchService;
import dev.tickcast.server.internal.match.Matchmaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Whether this server is one process alone or a node of a cluster (its {@link Vertx} is
 * clustered): the matchmaking the HTTP API uses and what leaving means. The cluster classes are
 * reached only through {@link #of} on a clustered Vert.x, so a single process loads none of them.
 */
final class NodeRole {
    private final MatchService match;
    private final ClusterNode node;

    private NodeRole(MatchService match, ClusterNode node) {
        this.match = match;
        this.node = node;
    }

    /** Its settings: the node's public base URL and the cluster's shared secret (both required on a cluster). */
    record Settings(String publicUrl, String sharedSecret) {
    }

    static Future<NodeRole> of(Vertx vertx, Settings config, Matchmaker matchmaker, GameRegistry games) {
        if (!vertx.isClustered()) {
            return Future.succeededFuture(new NodeRole(new LocalMatch(matchmaker), null));
        }
        if (config.publicUrl() == null || config.sharedSecret() == null) {
            return Future.failedFuture(new IllegalArgumentException(
                    "a cluster node needs a public URL and the cluster's shared secret"));
        }
        return ClusterNode.join(vertx, matchmaker, games, config.publicUrl()).map(n -> new NodeRole(n.match(), n));
    }

    MatchService match() {
        return match;
    }

    /** After the rooms closed: a cluster node waits for their removal from the directory. */
    Future<Void> leave() {
        return node == null ? Future.succeededFuture() : node.leave();
    }
}
