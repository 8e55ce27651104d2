package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.DeliveryListener;
import io.plumtree.engine.MembershipListener;
import io.plumtree.spring.cluster.ClusterNodeLifecycle;
import io.plumtree.spring.cluster.ClusterStatus;
import io.plumtree.spring.cluster.MembershipEventPublisher;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Auto-configuration of the cluster node: {@link PlumtreeProperties} become a {@link ClusterConfig}, the node binds
 * its port while the context starts, joins when it is started ({@link ClusterNodeLifecycle}) and publishes membership
 * changes as application events. {@code plumtree.enabled=false} turns it, and every other plumtree
 * auto-configuration, off.
 */
@AutoConfiguration
@ConditionalOnClass(ClusterNode.class)
@ConditionalOnBooleanProperty(name = "plumtree.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PlumtreeProperties.class)
public final class PlumtreeAutoConfiguration {

    /** The configuration from {@code plumtree.*}, then every {@link ClusterConfigCustomizer}. */
    @Bean
    @ConditionalOnMissingBean
    ClusterConfig plumtreeClusterConfig(PlumtreeProperties properties, Environment environment,
                                        BeanFactory beanFactory,
                                        ObjectProvider<ClusterConfigCustomizer> customizers) {
        String executorName = properties.getDelivery().getExecutor();
        Executor executor = executorName == null || executorName.isBlank() ? null
                : beanFactory.getBean(executorName, Executor.class);
        String clusterName = environment.getProperty("spring.application.name", "plumtree");
        ClusterConfig.Builder builder = new ClusterConfigFactory(properties).builder(clusterName,
                () -> DefaultNodeName.of(System.getenv(), hostName(), properties.getPort()), executor);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** The node, bound to its port; closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ClusterNode plumtreeClusterNode(ClusterConfig config) {
        return ClusterNode.start(config);
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterStatus plumtreeClusterStatus(ClusterNode node) {
        return new ClusterStatus(node.name(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    MembershipEventPublisher plumtreeMembershipEventPublisher(ApplicationEventPublisher publisher) {
        return new MembershipEventPublisher(publisher);
    }

    /** Joins on start and leaves on stop; hooks every {@link DeliveryListener} and {@link MembershipListener} bean. */
    @Bean
    @ConditionalOnMissingBean
    ClusterNodeLifecycle plumtreeClusterNodeLifecycle(ClusterNode node, ClusterStatus status,
                                                      ObjectProvider<DeliveryListener> deliveryListeners,
                                                      ObjectProvider<MembershipListener> membershipListeners) {
        // The status is a MembershipListener bean too; the lifecycle hooks it first, itself.
        return new ClusterNodeLifecycle(node, status, deliveryListeners.orderedStream().toList(),
                membershipListeners.orderedStream().filter(l -> l != status).toList());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
