package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.event.ClusterEvent;
import io.plumtree.spring.event.ClusterEventReceiver;
import io.plumtree.spring.event.ClusterPublisher;
import io.plumtree.spring.event.EnvelopeCodec;
import io.plumtree.spring.event.EventTypes;
import io.plumtree.spring.event.JsonClusterPublisher;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Auto-configuration of events in and out: the {@link ClusterPublisher} and the receiver that publishes delivered
 * events to the application context. Needs Jackson 3; uses the application's {@link JsonMapper} when there is one.
 * The allowed types are those annotated with {@link ClusterEvent} in the application's packages and in
 * {@code plumtree.events.allowed-packages}, and every class in the latter.
 */
@AutoConfiguration(after = PlumtreeAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(ClusterNode.class)
public final class PlumtreeEventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventTypes plumtreeEventTypes(PlumtreeProperties properties, BeanFactory beanFactory, Environment environment,
                                  ResourceLoader resourceLoader) {
        List<String> allowed = properties.getEvents().getAllowedPackages();
        Set<String> scanned = new LinkedHashSet<>(allowed);
        if (AutoConfigurationPackages.has(beanFactory)) {
            scanned.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ClusterEvent.class));
        ClassLoader classLoader = resourceLoader.getClassLoader();
        List<Class<?>> annotated = new ArrayList<>();
        for (String pkg : scanned) {
            scanner.findCandidateComponents(pkg).forEach(candidate -> annotated.add(
                    ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader)));
        }
        return new EventTypes(annotated, allowed, classLoader);
    }

    @Bean
    @ConditionalOnMissingBean
    EnvelopeCodec plumtreeEnvelopeCodec(ObjectProvider<JsonMapper> jsonMapper) {
        return new EnvelopeCodec(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    @ConditionalOnMissingBean(ClusterPublisher.class)
    JsonClusterPublisher clusterPublisher(ClusterNode node, EventTypes types, EnvelopeCodec codec) {
        return new JsonClusterPublisher(node, types, codec, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterEventReceiver plumtreeClusterEventReceiver(ClusterNode node, EventTypes types, EnvelopeCodec codec,
                                                      ApplicationEventPublisher publisher,
                                                      PlumtreeProperties properties) {
        return new ClusterEventReceiver(node.name(), node, types, codec, publisher,
                properties.getEvents().isDeliverToSelf(), properties.getEvents().getMaxWarnedTypes());
    }
}
