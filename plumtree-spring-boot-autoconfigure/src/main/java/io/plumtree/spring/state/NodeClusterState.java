package io.plumtree.spring.state;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.StateSnapshot;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ClusterState} over a {@link ClusterNode}: writes the configured initial keys when created, and publishes
 * every change of any member's keys as a {@link ClusterStateChangedEvent}. Over a node configured without replicated
 * state (an application's own {@code ClusterConfig}), it reads as empty and refuses writes, saying why.
 */
public final class NodeClusterState implements ClusterState, DisposableBean {

    private final ClusterNode node;
    /** The subscription to every key, closed with the bean; null when the node runs without replicated state. */
    private final AutoCloseable subscription;
    /** Whether the node runs the replicated state. */
    private final boolean enabled;

    /**
     * @param node      a node configured with replicated state
     * @param initial   keys to write now
     * @param publisher where change events go
     */
    public NodeClusterState(ClusterNode node, Map<String, String> initial, ApplicationEventPublisher publisher) {
        this.node = Objects.requireNonNull(node, "node");
        this.enabled = node.config().state() != null;
        this.subscription = !enabled ? null : node.subscribeState("", c -> publisher.publishEvent(
                new ClusterStateChangedEvent(c.node().name(), c.key(), c.oldValue(), c.newValue(), c.version())));
        if (enabled) {
            initial.forEach(node::putState);
        }
    }

    @Override
    public String get(String member, String key) {
        return enabled ? node.stateSnapshot().value(NodeId.of(member), key) : null;
    }

    @Override
    public Map<String, String> of(String member) {
        if (!enabled) {
            return Map.of();
        }
        StateSnapshot.NodeView view = node.stateSnapshot().nodes().get(NodeId.of(member));
        return view == null ? Map.of() : view.values();
    }

    @Override
    public Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        if (!enabled) {
            return all;
        }
        node.stateSnapshot().nodes().forEach((id, view) -> all.put(id.name(), view.values()));
        return all;
    }

    @Override
    public void put(String key, String value) {
        node.putState(key, value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        node.putState(key, value, ttl);
    }

    @Override
    public void delete(String key) {
        node.deleteState(key);
    }

    @Override
    public void destroy() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}
