package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.actuate.PlumtreeEndpoint;
import io.plumtree.spring.cluster.ClusterStatus;
import io.plumtree.spring.event.ClusterEventCounters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * Auto-configuration of the {@code plumtree} Actuator endpoint, when Actuator is present and the endpoint is
 * available (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=health,plumtree}).
 */
@AutoConfiguration(after = {PlumtreeAutoConfiguration.class, PlumtreeEventsAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ClusterNode.class)
@ConditionalOnAvailableEndpoint(PlumtreeEndpoint.class)
public final class PlumtreeEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PlumtreeEndpoint plumtreeEndpoint(ClusterNode node, ClusterStatus status,
                                      ObjectProvider<ClusterEventCounters> counters) {
        return new PlumtreeEndpoint(node, status, () -> {
            ClusterEventCounters c = counters.getIfAvailable();
            return c == null ? Map.of() : c.counters();
        });
    }
}
