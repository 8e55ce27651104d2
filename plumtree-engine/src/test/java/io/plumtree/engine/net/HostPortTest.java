package io.plumtree.engine.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which seeds need a DNS lookup (off the loop) and which are IP literals (resolved on the spot). */
class HostPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:7946", "0.0.0.0:1", "255.255.255.255:7946", "[::1]:7946", "[fe80::1%2]:7946"})
    void ipLiteralsNeedNoLookup(String address) {
        assertThat(HostPort.parse(address).isIpLiteral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:7946", "seed-0.plumtree:7946", "1.2.3:7946", "1.2.3.256:7946",
            "1.2.3.4.5:7946", "1a.2.3.4:7946", "1..3.4:7946", "0001.2.3.4:7946", "1.2.3.4.:7946"})
    void namesAndMalformedQuadsAreLookedUp(String address) {
        assertThat(HostPort.parse(address).isIpLiteral()).isFalse();
    }
}
