package io.plumtree.engine;

import java.util.List;
import java.util.Objects;

/**
 * This node's place in the broadcast trees: the peers it pushes payloads to and those it only announces to. Each
 * origin's tree starts from these and is then shaped by PRUNE and GRAFT.
 *
 * @param eagerPeers peers that get full payloads (the tree's edges)
 * @param lazyPeers  peers that get announcements only (repair links)
 * @param trees      number of per-origin trees held
 */
public record Topology(List<NodeId> eagerPeers, List<NodeId> lazyPeers, int trees) {

    /** Copies the lists. */
    public Topology {
        eagerPeers = List.copyOf(Objects.requireNonNull(eagerPeers, "eagerPeers"));
        lazyPeers = List.copyOf(Objects.requireNonNull(lazyPeers, "lazyPeers"));
    }
}
