package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.state.ClusterState;
import io.plumtree.spring.state.NodeClusterState;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the replicated key-value state: the {@link ClusterState} bean, the initial keys from
 * {@code plumtree.state.initial}, and key changes as application events. {@code plumtree.state.enabled=false} turns
 * it off (and the node runs without replicated state).
 */
@AutoConfiguration(after = PlumtreeAutoConfiguration.class)
@ConditionalOnBean(ClusterNode.class)
@ConditionalOnBooleanProperty(name = "plumtree.state.enabled", matchIfMissing = true)
public final class PlumtreeStateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClusterState plumtreeClusterState(ClusterNode node, PlumtreeProperties properties,
                                      ApplicationEventPublisher publisher) {
        return new NodeClusterState(node, properties.getState().getInitial(), publisher);
    }
}
