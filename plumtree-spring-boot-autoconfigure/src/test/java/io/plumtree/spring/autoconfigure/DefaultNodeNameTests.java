package io.plumtree.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultNodeNameTests {

    @Test
    void inKubernetesThePodName() {
        assertThat(DefaultNodeName.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOSTNAME", "orders-2"),
                "ignored", 7946)).isEqualTo("orders-2");
    }

    @Test
    void elsewhereTheHostAndTheFixedPortSoItIsStableAcrossRestarts() {
        assertThat(DefaultNodeName.of(Map.of("HOSTNAME", "laptop"), "laptop", 7946)).isEqualTo("laptop-7946");
        assertThat(DefaultNodeName.of(Map.of(), "laptop", 7946))
                .isEqualTo(DefaultNodeName.of(Map.of(), "laptop", 7946));
    }

    @Test
    void withAnEphemeralPortARandomSuffixSoTwoInstancesDiffer() {
        String a = DefaultNodeName.of(Map.of(), "laptop", 0);
        String b = DefaultNodeName.of(Map.of(), "laptop", 0);
        assertThat(a).startsWith("laptop-").hasSize("laptop-".length() + 6);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void longNamesAreCutToTheEngineLimit() {
        assertThat(DefaultNodeName.of(Map.of(), "h".repeat(400), 7946)).hasSize(255).endsWith("-7946");
    }
}
