package io.plumtree.engine.wire;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.MemberState;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.state.Delta;
import io.plumtree.engine.state.Digest;
import io.plumtree.engine.state.NodeDelta;
import io.plumtree.engine.state.NodeDigest;
import io.plumtree.engine.state.StateMessage;
import io.plumtree.engine.state.VersionedValue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random, valid messages of every type for codec tests, drawn from a seeded generator. */
final class WireSamples {

    /** Pieces names are built from: ASCII, Latin-1, CJK (3 UTF-8 bytes), an emoji (a surrogate pair, 4 bytes). */
    private static final String[] PIECES = {"a", "Z", "7", "-", ".", "é", "ß", "漢", "字", "😀"};

    private final SplittableRandom random;

    WireSamples(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A name of 1 to 255 chars, sometimes the longest possible (255 chars of 3 bytes each). */
    NodeId nodeId() {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return NodeId.of("漢".repeat(NodeId.MAX_LENGTH));
        }
        if (shape == 1) {
            return NodeId.of("n".repeat(NodeId.MAX_LENGTH));
        }
        int chars = shape < 8 ? 1 + random.nextInt(16) : 1 + random.nextInt(NodeId.MAX_LENGTH);
        return NodeId.of(text(chars, NodeId.MAX_LENGTH));
    }

    /** A short name, for packets that must fit a datagram. */
    NodeId shortNodeId() {
        return NodeId.of(text(1 + random.nextInt(12), 12));
    }

    private String text(int pieces, int maxChars) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            String p = PIECES[random.nextInt(PIECES.length)];
            if (b.length() + p.length() > maxChars) {
                break;
            }
            b.append(p);
        }
        return b.length() == 0 ? "x" : b.toString();
    }

    String address() {
        int shape = random.nextInt(8);
        if (shape == 0) {
            return "";
        }
        if (shape == 1) {
            return "h".repeat(WireLimits.MAX_ADDRESS_BYTES);
        }
        return "10.0." + random.nextInt(256) + "." + random.nextInt(256) + ":" + random.nextInt(65536);
    }

    byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    MessageId messageId(NodeId origin) {
        return new MessageId(origin, 1 + random.nextLong(Long.MAX_VALUE));
    }

    int hops() {
        return 1 + random.nextInt(Integer.MAX_VALUE);
    }

    SwimMessage.NodeState nodeState() {
        MemberState[] states = MemberState.values();
        return new SwimMessage.NodeState(nodeId(), address(), random.nextLong(),
                states[random.nextInt(states.length)], bytes(64));
    }

    /** One message of every SWIM type, with random fields. */
    List<SwimMessage> everySwimMessage() {
        int n = random.nextInt(4);
        List<SwimMessage.NodeState> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(nodeState());
        }
        return List.of(
                new SwimMessage.Ping(random.nextLong(), nodeId()),
                new SwimMessage.IndirectPing(random.nextLong(), nodeId(), address(), random.nextBoolean()),
                new SwimMessage.Ack(random.nextLong()),
                new SwimMessage.Nack(random.nextLong()),
                new SwimMessage.Suspect(random.nextLong(), nodeId(), nodeId()),
                new SwimMessage.Alive(random.nextLong(), nodeId(), address(), bytes(64)),
                new SwimMessage.Alive(random.nextLong(), nodeId(), address(), new byte[0]),
                new SwimMessage.Dead(random.nextLong(), nodeId(), nodeId()),
                new SwimMessage.PushPull(random.nextBoolean(), random.nextBoolean(), entries),
                new SwimMessage.PushPull(random.nextBoolean(), random.nextBoolean(), List.of()));
    }

    /** A random small SWIM message (short names, addresses and metadata), for packets. */
    SwimMessage smallSwimMessage() {
        switch (random.nextInt(7)) {
            case 0:
                return new SwimMessage.Ping(random.nextLong(), shortNodeId());
            case 1:
                return new SwimMessage.IndirectPing(random.nextLong(), shortNodeId(), "10.0.0.1:7946",
                        random.nextBoolean());
            case 2:
                return new SwimMessage.Ack(random.nextLong());
            case 3:
                return new SwimMessage.Nack(random.nextLong());
            case 4:
                return new SwimMessage.Suspect(random.nextLong(), shortNodeId(), shortNodeId());
            case 5:
                return new SwimMessage.Alive(random.nextLong(), shortNodeId(), "10.0.0.2:7946", bytes(8));
            default:
                return new SwimMessage.Dead(random.nextLong(), shortNodeId(), shortNodeId());
        }
    }

    /** One message of every Plumtree type (two of some shapes), with random fields. */
    List<PlumtreeMessage> everyPlumtreeMessage() {
        NodeId root = nodeId();
        List<MessageId> ids = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            ids.add(messageId(root));
        }
        List<PlumtreeMessage.Announcement> announcements = new ArrayList<>();
        int m = 1 + random.nextInt(5);
        for (int i = 0; i < m; i++) {
            long first = 1 + random.nextLong(Long.MAX_VALUE - 1_000);
            long length = random.nextBoolean() ? 0 : random.nextLong(1_000);
            announcements.add(new PlumtreeMessage.Announcement(nodeId(), first, first + length, hops()));
        }
        return List.of(
                new PlumtreeMessage.Gossip(messageId(nodeId()), hops(), bytes(256)),
                new PlumtreeMessage.Gossip(messageId(nodeId()), 1, new byte[0]),
                new PlumtreeMessage.IHave(announcements),
                new PlumtreeMessage.Graft(root, ids),
                new PlumtreeMessage.Graft(root, List.of()),
                new PlumtreeMessage.Prune(nodeId()),
                new PlumtreeMessage.Neighbor(),
                new PlumtreeMessage.Digest(digestRuns()),
                new PlumtreeMessage.Ack(nodeId(), 1 + random.nextLong(Long.MAX_VALUE - 1)),
                new PlumtreeMessage.GossipRun(nodeId(), 1 + random.nextLong(Long.MAX_VALUE - 10), hops(), runPayloads()),
                new PlumtreeMessage.GossipRun(nodeId(), Long.MAX_VALUE, 1, List.of(new byte[0])));
    }

    /** One to five payloads, some empty. */
    private List<byte[]> runPayloads() {
        List<byte[]> payloads = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            payloads.add(random.nextInt(4) == 0 ? new byte[0] : bytes(256));
        }
        return payloads;
    }

    private List<PlumtreeMessage.DigestRun> digestRuns() {
        List<PlumtreeMessage.DigestRun> runs = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            long first = 1 + random.nextLong(Long.MAX_VALUE / 2);
            runs.add(new PlumtreeMessage.DigestRun(nodeId(), first, first + random.nextInt(1000),
                    random.nextInt(Integer.MAX_VALUE)));
        }
        return runs;
    }

    /** A key or value of 0 to 40 pieces (ASCII, Latin-1, CJK, emoji). */
    String stateText() {
        int pieces = random.nextInt(41);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    Digest digest() {
        List<NodeDigest> nodes = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            nodes.add(new NodeDigest(nodeId(), random.nextLong(Long.MAX_VALUE), random.nextLong(Long.MAX_VALUE)));
        }
        return new Digest(nodes);
    }

    Delta delta() {
        List<NodeDelta> nodes = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            long from = random.nextLong(1_000_000);
            long version = from;
            List<VersionedValue> entries = new ArrayList<>();
            int k = random.nextInt(5);
            for (int j = 0; j < k; j++) {
                version += 1 + random.nextInt(1000);
                entries.add(new VersionedValue(stateText(), random.nextInt(4) == 0 ? null : stateText(), version));
            }
            nodes.add(new NodeDelta(nodeId(), from, version + random.nextInt(3), random.nextLong(2_000_000),
                    entries));
        }
        return new Delta(nodes);
    }

    /** One message of every replicated-state type (two of some shapes), with random fields. */
    List<StateMessage> everyStateMessage() {
        return List.of(
                new StateMessage.Syn(digest()),
                new StateMessage.Syn(new Digest(List.of())),
                new StateMessage.SynAck(digest(), delta()),
                new StateMessage.Ack(delta()),
                new StateMessage.Ack(Delta.EMPTY));
    }
}
