package io.plumtree.spring.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.state.ClusterState;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.spring.actuate.PlumtreeEndpoint;
import io.plumtree.spring.actuate.PlumtreeHealthIndicator;
import io.plumtree.spring.cluster.ClusterNodeLifecycle;
import io.plumtree.spring.cluster.ClusterStatus;
import io.plumtree.spring.cluster.MembershipEventPublisher;
import io.plumtree.spring.event.ClusterEventReceiver;
import io.plumtree.spring.event.ClusterPublisher;
import io.plumtree.spring.event.EnvelopeCodec;
import io.plumtree.spring.event.JsonClusterPublisher;
import io.plumtree.spring.event.EventTypes;
import io.plumtree.spring.metrics.PlumtreeMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition of the auto-configurations: each bean is there by default, gone when disabled, replaced when the
 * application defines its own, and absent when its library is not on the classpath.
 */
class PlumtreeAutoConfigurationTests {

    /** Loopback, a free port, the local preset: a real node starts in every context, alone. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlumtreeAutoConfiguration.class,
                    PlumtreeEventsAutoConfiguration.class, PlumtreeEndpointAutoConfiguration.class,
                    PlumtreeHealthContributorAutoConfiguration.class, PlumtreeMetricsAutoConfiguration.class,
                    PlumtreeStateAutoConfiguration.class, JacksonAutoConfiguration.class,
                    EndpointAutoConfiguration.class))
            .withPropertyValues("plumtree.bind-address=127.0.0.1", "plumtree.port=0", "plumtree.preset=local",
                    "plumtree.leave-propagation=10ms");

    @Test
    void theReplicatedStateIsOnByDefaultWritesItsInitialKeysAndBacksOffWhenDisabled() {
        runner.withPropertyValues("plumtree.node-name=s1", "plumtree.state.initial.role=api").run(context -> {
            assertThat(context).hasSingleBean(ClusterState.class);
            assertThat(context.getBean(ClusterConfig.class).state()).isNotNull();
            assertThat(context.getBean(ClusterState.class).get("s1", "role")).isEqualTo("api");
        });
        runner.withPropertyValues("plumtree.state.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ClusterState.class);
            assertThat(context.getBean(ClusterConfig.class).state()).isNull();
        });
    }

    @Test
    void byDefaultEveryPartIsThereAndTheNodeRuns() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ClusterConfig.class).hasSingleBean(ClusterNode.class)
                    .hasSingleBean(ClusterStatus.class).hasSingleBean(ClusterNodeLifecycle.class)
                    .hasSingleBean(MembershipEventPublisher.class).hasSingleBean(ClusterPublisher.class)
                    .hasSingleBean(ClusterEventReceiver.class).hasSingleBean(EventTypes.class)
                    .hasSingleBean(PlumtreeHealthIndicator.class).hasSingleBean(PlumtreeMetrics.class)
                    .hasBean("plumtreeHealthIndicator");
            ClusterConfig config = context.getBean(ClusterConfig.class);
            assertThat(config.clusterName()).isEqualTo("plumtree");
            assertThat(config.nodeName().name()).isNotBlank();
            assertThat(config.membership()).isEqualTo(SwimConfig.local());
            assertThat(context.getBean(ClusterNodeLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(ClusterStatus.class).running()).isTrue();
            assertThat(context.getBean(PlumtreeHealthIndicator.class).health().getStatus().getCode()).isEqualTo("UP");
        });
    }

    @Test
    void theClusterNameDefaultsToTheApplicationName() {
        runner.withPropertyValues("spring.application.name=orders").run(context ->
                assertThat(context.getBean(ClusterConfig.class).clusterName()).isEqualTo("orders"));
    }

    @Test
    void propertiesOverrideTheDefaults() {
        runner.withPropertyValues("spring.application.name=orders", "plumtree.cluster-name=billing",
                "plumtree.node-name=n1", "plumtree.membership.gossip-nodes=5", "plumtree.metadata.zone=eu")
                .run(context -> {
                    ClusterConfig config = context.getBean(ClusterConfig.class);
                    assertThat(config.clusterName()).isEqualTo("billing");
                    assertThat(config.nodeName().name()).isEqualTo("n1");
                    assertThat(config.membership().gossipNodes()).isEqualTo(5);
                    assertThat(context.getBean(ClusterNode.class).members().get(0).metadata())
                            .asString().isEqualTo("zone=eu");
                });
    }

    @Test
    void aBadValueFailsTheStartupNamingIt() {
        runner.withPropertyValues("plumtree.broadcast.seen-ttl=1s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("seenTtl"));
    }

    @Test
    void disabledTurnsEveryPartOff() {
        runner.withPropertyValues("plumtree.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(ClusterNode.class).doesNotHaveBean(ClusterConfig.class)
                        .doesNotHaveBean(ClusterPublisher.class).doesNotHaveBean(ClusterEventReceiver.class)
                        .doesNotHaveBean(PlumtreeHealthIndicator.class).doesNotHaveBean(PlumtreeMetrics.class)
                        .doesNotHaveBean(PlumtreeEndpoint.class).doesNotHaveBean(ClusterNodeLifecycle.class));
    }

    @Test
    void customizersAdjustTheConfiguration() {
        runner.withBean(ClusterConfigCustomizer.class, () -> b -> b.nodeName("customized")).run(context ->
                assertThat(context.getBean(ClusterNode.class).name().name()).isEqualTo("customized"));
    }

    @Test
    void theDeliveryExecutorIsTheNamedBean() {
        Executor executor = Runnable::run;
        runner.withBean("clusterExecutor", Executor.class, () -> executor)
                .withPropertyValues("plumtree.delivery.executor=clusterExecutor")
                .run(context -> assertThat(context.getBean(ClusterConfig.class).deliveryExecutor())
                        .isSameAs(executor));
    }

    @Test
    void theApplicationsOwnConfigurationIsUsed() {
        runner.withUserConfiguration(OwnConfig.class).run(context -> {
            assertThat(context).hasSingleBean(ClusterConfig.class);
            assertThat(context.getBean(ClusterNode.class).name().name()).isEqualTo("own");
        });
    }

    @Test
    void theApplicationsOwnPublisherReplacesOurs() {
        ClusterPublisher own = (event, headers) -> CompletableFuture.completedFuture(
                new MessageId(io.plumtree.engine.NodeId.of("x"), 1));
        runner.withBean(ClusterPublisher.class, () -> own).run(context ->
                assertThat(context.getBean(ClusterPublisher.class)).isSameAs(own));
    }

    @Test
    void theApplicationsOwnHealthIndicatorReplacesOurs() {
        HealthIndicator own = () -> Health.up().build();
        runner.withBean("plumtreeHealthIndicator", HealthIndicator.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(PlumtreeHealthIndicator.class);
            assertThat(context.getBean("plumtreeHealthIndicator")).isSameAs(own);
        });
    }

    @Test
    void theApplicationsOwnMetricsReplaceOurs() {
        runner.withUserConfiguration(OwnMetrics.class).run(context -> {
            assertThat(context).hasSingleBean(PlumtreeMetrics.class);
            assertThat(context.getBeanNamesForType(PlumtreeMetrics.class)).containsExactly("ownMetrics");
        });
    }

    @Test
    void theApplicationsOwnNodeIsUsed() {
        runner.withUserConfiguration(OwnNode.class).run(context -> {
            assertThat(context.getBeanNamesForType(ClusterNode.class)).containsExactly("ownNode");
            assertThat(context.getBean(ClusterNode.class).name().name()).isEqualTo("own-node");
            assertThat(context.getBean(ClusterNodeLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void theApplicationsOwnPartsReplaceOurs() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=plumtree")
                .withUserConfiguration(OwnParts.class).run(context -> {
                    assertThat(context.getBeanNamesForType(ClusterStatus.class)).containsExactly("ownStatus");
                    assertThat(context.getBeanNamesForType(MembershipEventPublisher.class))
                            .containsExactly("ownMembershipEvents");
                    assertThat(context.getBeanNamesForType(EventTypes.class)).containsExactly("ownTypes");
                    assertThat(context.getBeanNamesForType(EnvelopeCodec.class)).containsExactly("ownCodec");
                    assertThat(context.getBeanNamesForType(ClusterEventReceiver.class))
                            .containsExactly("ownReceiver");
                    assertThat(context.getBeanNamesForType(PlumtreeEndpoint.class)).containsExactly("ownEndpoint");
                    assertThat(context.getBean(ClusterPublisher.class)).isInstanceOf(JsonClusterPublisher.class);
                });
    }

    @Test
    void withoutJacksonTheNodeRunsWithoutEvents() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ClusterNode.class)
                    .hasSingleBean(MembershipEventPublisher.class).hasSingleBean(PlumtreeHealthIndicator.class)
                    .doesNotHaveBean(ClusterPublisher.class).doesNotHaveBean(ClusterEventReceiver.class);
            assertThat(context.getBean(ClusterNodeLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void theEndpointIsThereWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=plumtree").run(context ->
                assertThat(context).hasSingleBean(PlumtreeEndpoint.class));
    }

    @Test
    void theEndpointIsAbsentWhenNotExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(PlumtreeEndpoint.class));
    }

    @Test
    void theEndpointIsAbsentWhenDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=plumtree",
                "management.endpoint.plumtree.access=NONE").run(context ->
                assertThat(context).doesNotHaveBean(PlumtreeEndpoint.class));
    }

    @Test
    void theEndpointBacksOffWithoutActuator() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=plumtree")
                .withClassLoader(new FilteredClassLoader(Endpoint.class)).run(context ->
                        assertThat(context).hasNotFailed().hasSingleBean(ClusterNode.class)
                                .doesNotHaveBean(PlumtreeEndpoint.class));
    }

    @Test
    void theHealthIndicatorIsAbsentWhenDisabled() {
        runner.withPropertyValues("management.health.plumtree.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(PlumtreeHealthIndicator.class));
    }

    @Test
    void theHealthIndicatorBacksOffWithoutHealthSupport() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(ClusterNode.class)
                        .doesNotHaveBean(PlumtreeHealthIndicator.class));
    }

    @Test
    void theMetricsBackOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(ClusterNode.class)
                        .doesNotHaveBean(PlumtreeMetrics.class));
    }

    @Test
    void theNodeLeavesAndClosesWithTheContext() {
        runner.run(context -> {
            ClusterNode node = context.getBean(ClusterNode.class);
            ClusterStatus status = context.getBean(ClusterStatus.class);
            context.close();
            assertThat(status.running()).isFalse();
            assertThat(node.toString()).endsWith(", closed]");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNode {

        @Bean(destroyMethod = "close")
        ClusterNode ownNode(ClusterConfig config) {
            return ClusterNode.start(config.toBuilder().nodeName("own-node").build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnParts {

        @Bean
        ClusterStatus ownStatus(ClusterNode node) {
            return new ClusterStatus(node.name(), Clock.systemUTC());
        }

        @Bean
        MembershipEventPublisher ownMembershipEvents(ApplicationEventPublisher publisher) {
            return new MembershipEventPublisher(publisher);
        }

        @Bean
        EventTypes ownTypes() {
            return new EventTypes(List.of(), List.of("com.example"), getClass().getClassLoader());
        }

        @Bean
        EnvelopeCodec ownCodec() {
            return new EnvelopeCodec(JsonMapper.shared());
        }

        @Bean
        ClusterEventReceiver ownReceiver(ClusterNode node, EventTypes types, EnvelopeCodec codec,
                                         ApplicationEventPublisher publisher) {
            return new ClusterEventReceiver(node.name(), node, types, codec, publisher, false, 1);
        }

        @Bean
        PlumtreeEndpoint ownEndpoint(ClusterNode node, ClusterStatus status) {
            return new PlumtreeEndpoint(node, status, Map::of);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {

        @Bean
        PlumtreeMetrics ownMetrics(ClusterNode node) {
            return new PlumtreeMetrics(node, Map::of, Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConfig {

        @Bean
        ClusterConfig ownClusterConfig() {
            return ClusterConfig.builder().preset("local").nodeName("own").bindHost("127.0.0.1").port(0).build();
        }
    }
}
