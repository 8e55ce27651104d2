package io.plumtree.bench.node;

import io.plumtree.bench.jgroups.JGroupsBenchNode;
import io.plumtree.bench.plumtree.PlumtreeBenchNode;
import io.plumtree.bench.raw.RawBenchNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of a node JVM. Prints {@code @@ READY address}, then answers each command line on standard input with
 * one {@code @@ } line (other output, such as a library's banner, is ignored by the coordinator); lines starting with
 * {@code @@! } are events printed when they happen.
 *
 * <pre>
 * JOIN a0,a1,...         join (addresses of every node, node 0 first)  → @@ JOINED
 * ALIVE                                                                → @@ ALIVE n
 * PUBLISH rate end bytes start publishing (node 0) until nanoTime end → @@ PUBLISHING, later @@! PUBLISHED count failures
 * BURST count rate first  publish count broadcasts at rate/s, sequences from first → @@ PUBLISHING, later @@! PUBLISHED count failures
 * CUT a,b,...            cut the links to these addresses (plumtree)   → @@ CUT
 * HEAL                   restore every link                            → @@ HEALED
 * LOSS p                 lose this fraction of what is sent            → @@ LOSS
 * MEMBERS                members held alive, suspects excluded         → @@ MEMBERS n
 * DELIVERED                                                            → @@ DELIVERED distinct duplicates
 * HEAP                   used heap after a full GC                     → @@ HEAP bytes
 * VM                     JIT compilation and GC so far, ms             → @@ VM compilation gc
 * STATS                  implementation counters                       → @@ STATS k=v ...
 * REPORT dir             write dir/node-INDEX.bin                      → @@ REPORTED
 * EXIT                   close and exit
 * </pre>
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        NodeOptions options = NodeOptions.parse(args);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // libraries print banners; only this node's protocol lines go to the real stdout
        EventLine events = line -> {
            synchronized (out) {
                out.println("@@! " + line);
            }
        };
        DeliveryRecorder recorder = new DeliveryRecorder(options.capacity());
        BenchNode node = switch (options.impl()) {
            case "plumtree" -> new PlumtreeBenchNode(options, recorder, events);
            case "jgroups" -> new JGroupsBenchNode(options, recorder);
            case "raw" -> new RawBenchNode(options, recorder);
            default -> throw new IllegalArgumentException("unknown impl " + options.impl());
        };
        reply(out, "READY " + node.address());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Publisher publisher = null;
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "JOIN" -> {
                    node.join(Arrays.asList(w[1].split(",")));
                    reply(out, "JOINED");
                }
                case "ALIVE" -> reply(out, "ALIVE " + node.alive());
                case "PUBLISH" -> {
                    publisher = startPublisher(new Publisher(node, recorder, Integer.parseInt(w[3]),
                            Double.parseDouble(w[1]), Long.parseLong(w[2])), events);
                    reply(out, "PUBLISHING");
                }
                case "BURST" -> {
                    publisher = startPublisher(new Publisher(node, recorder, 1024, Double.parseDouble(w[2]),
                            System.nanoTime() + 86_400_000_000_000L, Long.parseLong(w[3]), Long.parseLong(w[1])),
                            events);
                    reply(out, "PUBLISHING");
                }
                case "CUT" -> {
                    node.cut(Arrays.asList(w[1].split(",")));
                    reply(out, "CUT");
                }
                case "HEAL" -> {
                    node.heal();
                    reply(out, "HEALED");
                }
                case "LOSS" -> {
                    node.loss(Double.parseDouble(w[1]));
                    reply(out, "LOSS");
                }
                case "MEMBERS" -> reply(out, "MEMBERS " + node.aliveStrict());
                case "DELIVERED" -> reply(out, "DELIVERED " + recorder.deliveries() + " " + recorder.duplicates());
                case "HEAP" -> reply(out, "HEAP " + HeapProbe.usedAfterGc());
                case "VM" -> reply(out, "VM " + VmTimes.now().toReply());
                case "STATS" -> reply(out, "STATS " + node.stats());
                case "REPORT" -> {
                    try (OutputStream f = new java.io.BufferedOutputStream(Files.newOutputStream(
                            Path.of(w[1], "node-" + options.index() + ".bin")), 1 << 16)) {
                        recorder.writeTo(f);
                    }
                    reply(out, "REPORTED");
                }
                case "EXIT" -> {
                    node.close();
                    reply(out, "BYE");
                    System.exit(0);
                }
                default -> reply(out, "ERROR unknown command " + line);
            }
        }
        node.close(); // the coordinator went away
        System.exit(publisher == null ? 0 : 1);
    }

    /** Runs {@code p} on a thread of its own, printing the PUBLISHED event when it is done; returns it. */
    private static Publisher startPublisher(Publisher p, EventLine events) {
        Thread t = new Thread(() -> {
            p.run();
            events.print("PUBLISHED " + p.published() + " " + p.failures());
        }, "publisher");
        t.start();
        return p;
    }

    private static void reply(PrintStream out, String line) {
        synchronized (out) {
            out.println("@@ " + line);
        }
    }

    /** Prints an event line ({@code @@! ...}) at once. */
    @FunctionalInterface
    public interface EventLine {
        /** Prints {@code line} as an event. */
        void print(String line);
    }
}
