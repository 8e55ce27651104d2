package io.plumtree.sample.live;

import io.plumtree.spring.actuate.PlumtreeEndpoint.ClusterDescriptor;

import java.util.List;

/**
 * What the page draws of the cluster: this node, every member it knows with its state, and its broadcast peers.
 * Counters are left out, so two views are equal when nothing the page shows changed.
 *
 * @param self       this node's name
 * @param cluster    the cluster's name
 * @param members    every member known, this node included, in any state
 * @param eagerPeers members this node pushes full messages to
 * @param lazyPeers  members this node only announces messages to
 */
public record ClusterView(String self, String cluster, List<Member> members, List<String> eagerPeers,
                          List<String> lazyPeers) {

    /**
     * A member as this node sees it.
     *
     * @param name    its name
     * @param address its address, {@code host:port}
     * @param status  ALIVE, SUSPECT, DEAD or LEFT
     */
    public record Member(String name, String address, String status) {
    }

    /** The view of what the {@code plumtree} Actuator endpoint reports. */
    public static ClusterView of(ClusterDescriptor descriptor) {
        return new ClusterView(descriptor.node().name(), descriptor.node().cluster(),
                descriptor.members().stream().map(m -> new Member(m.name(), m.address(), m.status())).toList(),
                descriptor.topology().eagerPeers(), descriptor.topology().lazyPeers());
    }
}
