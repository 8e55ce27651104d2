package io.plumtree.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code host:port} address as members write it ({@code [v6]:port} for IPv6 literals). Membership carries addresses
 * as such strings; this turns them into socket addresses and back.
 *
 * @param host a name or an IP literal, without brackets
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

    /** Validates the fields. */
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static HostPort parse(String address) {
        Objects.requireNonNull(address, "address");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("address '" + address + "': write an IPv6 host as [host]:port");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port");
        }
        return new HostPort(host, port);
    }

    /** The address of a socket, by its IP literal. */
    public static HostPort of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return new HostPort(ip == null ? address.getHostString() : ip.getHostAddress(), address.getPort());
    }

    /**
     * Whether the host is an IP literal (dotted-quad IPv4 or IPv6), which {@link InetAddress#getAllByName} turns into
     * an address without asking DNS, so it may be resolved on any thread.
     */
    public boolean isIpLiteral() {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6: getAllByName parses it and never looks a name with a colon up
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An unresolved socket address for an IP literal (no DNS lookup), or a resolving one for a name. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
