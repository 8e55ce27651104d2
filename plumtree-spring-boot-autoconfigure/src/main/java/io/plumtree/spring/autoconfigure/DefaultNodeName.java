package io.plumtree.spring.autoconfigure;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The node name used when {@code plumtree.node-name} is unset: unique per instance, and stable across restarts where
 * the platform allows it.
 *
 * <ul>
 *   <li>In Kubernetes ({@code KUBERNETES_SERVICE_HOST} is set): the pod name ({@code HOSTNAME}), unique in the
 *       namespace and kept by a StatefulSet's pods across restarts.</li>
 *   <li>Elsewhere, with a fixed port: the host name and the port ({@code web-1-7946}); two instances on one host need
 *       two ports anyway.</li>
 *   <li>With port 0: the host name and a random suffix.</li>
 * </ul>
 */
final class DefaultNodeName {

    /** Longest name the engine accepts. */
    private static final int MAX_LENGTH = 255;

    private DefaultNodeName() {
    }

    /**
     * @param environment the process environment ({@link System#getenv()})
     * @param hostName    this host's name
     * @param port        the configured port, 0 for a free one
     */
    static String of(Map<String, String> environment, String hostName, int port) {
        String pod = environment.get("HOSTNAME");
        if (environment.containsKey("KUBERNETES_SERVICE_HOST") && pod != null && !pod.isBlank()) {
            return trim(pod);
        }
        String host = hostName == null || hostName.isBlank() ? "node" : hostName;
        if (port != 0) {
            return trim(host + "-" + port);
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return trim(host + "-" + HexFormat.of().formatHex(suffix));
    }

    private static String trim(String name) {
        return name.length() > MAX_LENGTH ? name.substring(name.length() - MAX_LENGTH) : name;
    }
}
