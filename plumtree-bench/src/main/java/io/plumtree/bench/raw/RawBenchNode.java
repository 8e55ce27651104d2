package io.plumtree.bench.raw;

import io.plumtree.bench.node.BenchNode;
import io.plumtree.bench.node.DeliveryRecorder;
import io.plumtree.bench.node.NodeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A relay on one thread and one selector: it accepts one stream from its parent, and on {@code join} opens one to
 * each of its {@link RawTree} children. Every frame read from the parent (a 4-byte length, then the payload) is
 * delivered here and copied into each child's outbound buffer; when a child's buffer is full, reading from the parent
 * pauses, so TCP pushes back up the tree. The root takes its frames from a bounded queue the publisher blocks on.
 */
public final class RawBenchNode implements BenchNode {

    /** Publishes waiting for the loop (root only): the publisher blocks when it is full. */
    private static final int PUBLISH_QUEUE = 1024;
    /** Outbound buffer per child. */
    private static final int OUT_BYTES = 1 << 20;
    /** Inbound buffer; a frame must fit. */
    private static final int IN_BYTES = 1 << 20;

    private final NodeOptions options;
    private final DeliveryRecorder recorder;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final BlockingQueue<byte[]> publishQueue = new ArrayBlockingQueue<>(PUBLISH_QUEUE);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Whether the loop may be blocked in select, so a publisher must wake it. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    // loop thread only
    private SocketChannel parent;
    private SelectionKey parentKey;
    private final ByteBuffer in = ByteBuffer.allocate(IN_BYTES);
    private final List<Child> children = new ArrayList<>();
    /** Whether reading from the parent is paused until the children drain. */
    private boolean paused;
    private volatile boolean parentUp;
    private volatile int childrenUp;

    /** One child's stream and its outbound buffer (in fill mode). */
    private record Child(SocketChannel channel, SelectionKey key, ByteBuffer out) {
    }

    public RawBenchNode(NodeOptions options, DeliveryRecorder recorder) throws IOException {
        this.options = options;
        this.recorder = recorder;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", options.port()));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "raw-relay-" + options.index());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String address() {
        return "127.0.0.1:" + options.port();
    }

    @Override
    public void join(List<String> addresses) throws Exception {
        for (int c : RawTree.children(options.index(), options.nodes())) {
            String[] hp = addresses.get(c).split(":");
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            CompletableFuture<Void> registered = new CompletableFuture<>();
            tasks.add(() -> {
                try {
                    children.add(new Child(ch, ch.register(selector, 0), ByteBuffer.allocateDirect(OUT_BYTES)));
                    childrenUp++;
                    registered.complete(null);
                } catch (IOException e) {
                    registered.completeExceptionally(e);
                }
            });
            selector.wakeup();
            registered.get();
        }
    }

    @Override
    public int alive() {
        boolean up = (options.index() == 0 || parentUp)
                && childrenUp == RawTree.children(options.index(), options.nodes()).size();
        return up ? options.nodes() : 0;
    }

    @Override
    public void publish(byte[] payload) throws InterruptedException {
        publishQueue.put(payload);
        if (sleeping.get()) {
            selector.wakeup();
        }
    }

    @Override
    public String stats() {
        return "children=" + childrenUp + " parent=" + parentUp;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing at exit
        }
    }

    private void loop() {
        try {
            while (running) {
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                sleeping.set(true);
                byte[] next = publishQueue.peek();
                if (!tasks.isEmpty() || next != null && roomForAll(4 + next.length)) {
                    selector.selectNow();
                } else {
                    selector.select(100);
                }
                sleeping.set(false);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key == parentKey && key.isReadable()) {
                        readParent();
                    }
                }
                selector.selectedKeys().clear();
                pumpPublished();
                flushChildren();
                if (paused && parent != null && roomForAll(OUT_BYTES / 2) && !relayBuffered()) {
                    paused = false;
                    parentKey.interestOps(SelectionKey.OP_READ);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            System.err.println("raw n" + options.index() + ": relay stopped: " + e);
            throw e;
        }
    }

    private void accept() throws IOException {
        SocketChannel ch = server.accept();
        if (ch == null) {
            return;
        }
        if (parent != null) {
            System.err.println("raw n" + options.index() + ": a second inbound stream from "
                    + ch.getRemoteAddress() + "; closing it (only the parent connects)");
            ch.close();
            return;
        }
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        parent = ch;
        parentKey = ch.register(selector, SelectionKey.OP_READ);
        parentUp = true;
    }

    private void readParent() throws IOException {
        while (true) {
            int n = parent.read(in);
            if (n < 0) {
                parentKey.cancel();
                parent.close();
                parentUp = false;
                return;
            }
            if (relayBuffered()) {
                paused = true;
                parentKey.interestOps(0);
                return;
            }
            if (n == 0) {
                return;
            }
        }
    }

    /**
     * Delivers and relays every complete frame in the inbound buffer that all children have room for.
     *
     * @return whether it stopped because a child's buffer was full
     */
    private boolean relayBuffered() {
        in.flip();
        boolean blocked = false;
        while (in.remaining() >= 4) {
            int pos = in.position();
            int len = in.getInt(pos);
            if (len < 0 || len > IN_BYTES - 4) {
                throw new IllegalStateException("raw n" + options.index() + ": bad frame length " + len);
            }
            if (in.remaining() < 4 + len) {
                break;
            }
            if (!roomForAll(4 + len)) {
                blocked = true;
                break;
            }
            recorder.delivered(in.array(), pos + 4);
            for (Child c : children) {
                c.out.put(in.array(), pos, 4 + len);
            }
            in.position(pos + 4 + len);
        }
        in.compact();
        return blocked;
    }

    /** Root: moves published payloads into the children's buffers while they have room. */
    private void pumpPublished() {
        byte[] p;
        while ((p = publishQueue.peek()) != null && roomForAll(4 + p.length)) {
            publishQueue.poll();
            recorder.delivered(p, 0);
            for (Child c : children) {
                c.out.putInt(p.length).put(p);
            }
        }
    }

    private boolean roomForAll(int bytes) {
        for (Child c : children) {
            if (c.out.remaining() < bytes) {
                return false;
            }
        }
        return true;
    }

    private void flushChildren() throws IOException {
        for (Child c : children) {
            if (c.out.position() == 0) {
                continue;
            }
            c.out.flip();
            c.channel.write(c.out);
            boolean more = c.out.hasRemaining();
            c.out.compact();
            c.key.interestOps(more ? SelectionKey.OP_WRITE : 0);
        }
    }
}
