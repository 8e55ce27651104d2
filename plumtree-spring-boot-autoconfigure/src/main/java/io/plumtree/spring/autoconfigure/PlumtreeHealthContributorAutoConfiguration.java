package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.actuate.PlumtreeHealthIndicator;
import io.plumtree.spring.cluster.ClusterStatus;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code plumtree} health contributor, when Spring Boot's health support is present and
 * {@code management.health.plumtree.enabled} is not false.
 */
@AutoConfiguration(after = PlumtreeAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ClusterNode.class)
@ConditionalOnEnabledHealthIndicator("plumtree")
public final class PlumtreeHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "plumtreeHealthIndicator")
    PlumtreeHealthIndicator plumtreeHealthIndicator(ClusterNode node, ClusterStatus status,
                                                    PlumtreeProperties properties) {
        return new PlumtreeHealthIndicator(node, status, properties.getHealth().getIsolationTimeout());
    }
}
