package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterConfig;

/**
 * Adjusts the node's configuration after {@code plumtree.*} properties are applied and before it is built, for what
 * properties cannot say (a computed metadata, a key from a vault). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface ClusterConfigCustomizer {

    /** Changes {@code builder} in place. */
    void customize(ClusterConfig.Builder builder);
}
