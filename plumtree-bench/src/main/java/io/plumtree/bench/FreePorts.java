package io.plumtree.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports free for both TCP and UDP on 127.0.0.1 right now, to hand to node JVMs (JGroups needs them up front). */
final class FreePorts {

    private FreePorts() {
    }

    /** {@code n} distinct ports, each free for TCP and UDP when checked. */
    static List<Integer> pick(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try {
            while (ports.size() < n) {
                ServerSocket s = new ServerSocket(0, 50, loopback);
                held.add(s);
                int port = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    ports.add(port);
                } catch (IOException e) {
                    // taken for UDP; try another
                }
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
