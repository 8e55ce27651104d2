package io.plumtree.engine.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A name moves to a new IP (a restarted container keeps its name): the runtime follows it. */
class ResolvedAddressesTest {

    private final List<String> lookups = new ArrayList<>();
    private String currentIp = "10.0.0.5";

    private final ResolvedAddresses addresses = new ResolvedAddresses(a -> {
        lookups.add(a);
        HostPort hp = HostPort.parse(a);
        if (hp.host().equals("gone")) {
            return InetSocketAddress.createUnresolved(hp.host(), hp.port());
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(hp.host(), InetAddress.getByName(currentIp)
                    .getAddress()), hp.port());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }, 2);

    @Test
    void aNameIsLookedUpOncePerTtl() {
        assertThat(addresses.get("node-3:7946", 0).getAddress().getHostAddress()).isEqualTo("10.0.0.5");
        currentIp = "10.0.0.9";
        assertThat(addresses.get("node-3:7946", ResolvedAddresses.TTL_NANOS - 1).getAddress().getHostAddress())
                .as("within the TTL the cached address is used").isEqualTo("10.0.0.5");
        assertThat(addresses.get("node-3:7946", ResolvedAddresses.TTL_NANOS).getAddress().getHostAddress())
                .as("after it, the name is looked up again").isEqualTo("10.0.0.9");
        assertThat(lookups).hasSize(2);
    }

    @Test
    void aFailedConnectMakesTheNextUseLookItUpAgain() {
        addresses.get("node-3:7946", 0);
        currentIp = "10.0.0.9";
        addresses.forget("node-3:7946");
        assertThat(addresses.get("node-3:7946", 1).getAddress().getHostAddress()).isEqualTo("10.0.0.9");
    }

    @Test
    void aNameThatDoesNotResolveIsNullAndNotCached() {
        assertThat(addresses.get("gone:7946", 0)).isNull();
        assertThat(addresses.get("gone:7946", 1)).isNull();
        assertThat(lookups).containsExactly("gone:7946", "gone:7946");
    }

    @Test
    void theCacheIsBounded() {
        addresses.get("a:1", 0);
        addresses.get("b:1", 0);
        addresses.get("c:1", 0);
        addresses.get("a:1", 1);
        assertThat(lookups).as("the least recently used entry went out").containsExactly("a:1", "b:1", "c:1", "a:1");
    }
}
