package io.plumtree.bench.jgroups;

import io.plumtree.bench.node.BenchNode;
import io.plumtree.bench.node.DeliveryRecorder;
import io.plumtree.bench.node.NodeOptions;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.TP;
import org.jgroups.stack.DiagnosticsHandler;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JGroups 5.5.7.Final {@link JChannel} with the {@code tcp.xml} stack shipped in the JGroups jar, unchanged but for
 * what loopback needs (documented in docs/benchmarks.md): {@code jgroups.bind_addr=127.0.0.1},
 * {@code jgroups.tcpping.initial_hosts} listing every node's port, the transport's {@code bind_port} set to the
 * assigned port, and the diagnostics handler (a probe listener on a multicast socket, not on the data path) off. A
 * broadcast is {@code channel.send(new BytesMessage(null, payload))}, which blocks when MFC's credits run out; every
 * member, the sender included, delivers it.
 */
public final class JGroupsBenchNode implements BenchNode {

    private final JChannel channel;
    private final int port;

    public JGroupsBenchNode(NodeOptions options, DeliveryRecorder recorder) throws Exception {
        System.setProperty("java.net.preferIPv4Stack", "true");
        System.setProperty("jgroups.bind_addr", "127.0.0.1");
        System.setProperty("jgroups.tcpping.initial_hosts", options.ports().stream()
                .map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(",")));
        this.port = options.port();
        channel = new JChannel("tcp.xml");
        channel.setName("n" + options.index());
        TP transport = channel.getProtocolStack().getTransport();
        transport.setBindAddress(InetAddress.getByName("127.0.0.1"));
        transport.setBindPort(port);
        DiagnosticsHandler diag = transport.getDiagnosticsHandler();
        if (diag != null) {
            diag.setEnabled(false);
        }
        channel.setReceiver(new Receiver() {
            @Override
            public void receive(Message m) {
                BytesMessage b = (BytesMessage) m;
                recorder.delivered(b.getArray(), b.getOffset());
            }

            @Override
            public void viewAccepted(View view) {
                System.err.println("jgroups n" + options.index() + ": view " + view);
            }
        });
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void join(List<String> addresses) throws Exception {
        channel.connect("bench");
    }

    @Override
    public int alive() {
        View v = channel.getView();
        return v == null ? 0 : v.size();
    }

    @Override
    public void publish(byte[] payload) throws Exception {
        channel.send(new BytesMessage(null, payload));
    }

    @Override
    public void close() {
        channel.close();
    }
}
