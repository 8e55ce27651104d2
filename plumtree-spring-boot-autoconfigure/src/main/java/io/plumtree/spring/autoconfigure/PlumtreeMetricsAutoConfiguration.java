package io.plumtree.spring.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.event.ClusterEventCounters;
import io.plumtree.spring.metrics.PlumtreeMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.Map;

/**
 * Auto-configuration of the {@code plumtree.*} Micrometer meters, when Micrometer is present: a {@link MeterBinder}
 * that Spring Boot's metrics support binds to every registry.
 */
@AutoConfiguration(after = {PlumtreeAutoConfiguration.class, PlumtreeEventsAutoConfiguration.class})
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(ClusterNode.class)
public final class PlumtreeMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PlumtreeMetrics plumtreeMetrics(ClusterNode node, ObjectProvider<ClusterEventCounters> counters) {
        return new PlumtreeMetrics(node, () -> {
            ClusterEventCounters c = counters.getIfAvailable();
            return c == null ? Map.of() : c.counters();
        }, Clock.systemUTC());
    }
}
