package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.List;
import java.util.Objects;

/**
 * The messages of Plumtree (Leitao, Pereira, Rodrigues, SRDS 2007, section 4), exchanged between peers, plus NEIGHBOR
 * (symmetric neighbour links) and DIGEST (anti-entropy, DESIGN.md rule 7).
 */
public sealed interface PlumtreeMessage {

    /**
     * GOSSIP: a full payload, pushed eagerly along the tree or sent in answer to a GRAFT.
     *
     * @param id      the message's identity
     * @param hops    links the message will have crossed when it arrives (the origin sends 1)
     * @param payload the application's bytes; never modified after broadcast
     */
    record Gossip(MessageId id, int hops, byte[] payload) implements PlumtreeMessage {
        /** Validates the fields. */
        public Gossip {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(payload, "payload");
            if (hops < 1) {
                throw new IllegalArgumentException("hops must be positive, got " + hops);
            }
        }
    }

    /**
     * GOSSIP_RUN: consecutive messages of one origin, all at one hop count, in one message: what a node pushing a
     * burst of gossip to a peer (its own broadcasts, or messages it relays) sends instead of a GOSSIP per message.
     * The transport forms runs (the protocol cores never emit one); a core takes a run as its messages one by one, in
     * sequence order, exactly as if each had come as a {@link Gossip}.
     *
     * @param origin        the origin of every message of the run
     * @param firstSequence the first message's sequence, at least 1; the i-th payload's is {@code firstSequence + i}
     * @param hops          links every message will have crossed when it arrives (the origin sends 1)
     * @param payloads      the messages' payloads, at least one; copied into an unmodifiable list, the arrays never
     *                      modified
     */
    record GossipRun(NodeId origin, long firstSequence, int hops, List<byte[]> payloads) implements PlumtreeMessage {
        /** Validates the fields and copies the list. */
        public GossipRun {
            Objects.requireNonNull(origin, "origin");
            payloads = List.copyOf(payloads);
            if (payloads.isEmpty()) {
                throw new IllegalArgumentException("a run needs at least one payload");
            }
            if (firstSequence < 1 || firstSequence + payloads.size() - 1 < firstSequence) {
                throw new IllegalArgumentException("a run's sequences must lie in 1..Long.MAX_VALUE, got first "
                        + firstSequence + " and " + payloads.size() + " payloads");
            }
            if (hops < 1) {
                throw new IllegalArgumentException("hops must be positive, got " + hops);
            }
        }

        /** The {@code i}-th message of the run as the GOSSIP it stands for. */
        public Gossip gossip(int i) {
            return new Gossip(new MessageId(origin, firstSequence + i), hops, payloads.get(i));
        }
    }

    /**
     * IHAVE: a batch of announcements of messages the sender has delivered, sent lazily instead of the payloads.
     *
     * @param announcements at least one run
     */
    record IHave(List<Announcement> announcements) implements PlumtreeMessage {
        /** Copies and validates the list. */
        public IHave {
            announcements = List.copyOf(announcements);
            if (announcements.isEmpty()) {
                throw new IllegalArgumentException("an IHave announces at least one message");
            }
        }
    }

    /**
     * GRAFT: "send me these messages and push messages of this origin to me eagerly from now on". With no ids it
     * only repairs the tree (the paper's GRAFT(null) of the hop-count optimization).
     *
     * @param root the origin whose tree the edge joins
     * @param ids  the messages wanted, possibly none, all from {@code root}
     */
    record Graft(NodeId root, List<MessageId> ids) implements PlumtreeMessage {
        /** Copies and validates the list. */
        public Graft {
            Objects.requireNonNull(root, "root");
            ids = List.copyOf(ids);
            for (MessageId id : ids) {
                if (!id.origin().equals(root)) {
                    throw new IllegalArgumentException("GRAFT for tree " + root + " asks for " + id);
                }
            }
        }
    }

    /**
     * PRUNE: "I already have this origin's payloads from elsewhere; announce them to me lazily instead".
     *
     * @param root the origin whose tree loses the edge
     */
    record Prune(NodeId root) implements PlumtreeMessage {
        /** Validates the field. */
        public Prune {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * NEIGHBOR: "I picked you as a neighbour; announce to me too". Makes the neighbour relation symmetric, as
     * HyParView's NEIGHBOR request does, so that a node nobody happened to pick still hears of every message.
     */
    record Neighbor() implements PlumtreeMessage {
    }

    /**
     * DIGEST: the messages the sender delivered within the digest window, as runs of consecutive sequences per origin.
     * The receiver grafts from the sender every listed message it has not delivered and could have: anti-entropy for
     * messages lost on the way (a partition, a dropped frame), DESIGN.md rule 7.
     *
     * @param runs at least one
     */
    record Digest(List<DigestRun> runs) implements PlumtreeMessage {
        /** Copies and validates the list. */
        public Digest {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("a digest lists at least one run");
            }
        }
    }

    /**
     * ACK: "every message of yours up to {@code through} has arrived here", sent to the origin every
     * {@code maxInFlight / 8} messages of its stream, for its in-flight window (docs/broadcast.md, departure 9).
     *
     * @param origin  the origin the acknowledgement is for (the receiver ignores one that is not for it)
     * @param through the top of the run of consecutive sequences of {@code origin} delivered here, at least 1
     */
    record Ack(NodeId origin, long through) implements PlumtreeMessage {
        /** Validates the fields. */
        public Ack {
            Objects.requireNonNull(origin, "origin");
            if (through < 1) {
                throw new IllegalArgumentException("through must be positive, got " + through);
            }
        }
    }

    /**
     * Consecutive messages of one origin that a node delivered.
     *
     * @param origin    their origin
     * @param first     the lowest sequence, at least 1
     * @param last      the highest sequence, at least {@code first}
     * @param ageMillis milliseconds since the sender delivered the oldest of them (not negative); tells a receiver
     *                  that joined later not to ask for what was sent before it was there
     */
    record DigestRun(NodeId origin, long first, long last, int ageMillis) {
        /** Validates the fields. */
        public DigestRun {
            Objects.requireNonNull(origin, "origin");
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("a run needs 1 <= first <= last, got " + first + ".." + last);
            }
            if (ageMillis < 0) {
                throw new IllegalArgumentException("ageMillis must not be negative, got " + ageMillis);
            }
        }
    }

    /**
     * One entry of an IHAVE: a run of consecutive messages of one origin, all announced at the same hop count. A node
     * pushing a steady stream to a lazy peer announces it as one run per flush instead of one entry per message.
     *
     * @param origin the origin of the announced messages
     * @param first  the lowest announced sequence, at least 1
     * @param last   the highest announced sequence, at least {@code first}
     * @param hops   the hop count the receiver would deliver them at if it grafted them from the announcer
     */
    record Announcement(NodeId origin, long first, long last, int hops) {
        /** Validates the fields. */
        public Announcement {
            Objects.requireNonNull(origin, "origin");
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("a run needs 1 <= first <= last, got " + first + ".." + last);
            }
            if (hops < 1) {
                throw new IllegalArgumentException("hops must be positive, got " + hops);
            }
        }

        /** An announcement of one message. */
        public Announcement(MessageId id, int hops) {
            this(id.origin(), id.sequence(), id.sequence(), hops);
        }

        /** Whether {@code id} is one of the announced messages. */
        public boolean covers(MessageId id) {
            return id.origin().equals(origin) && id.sequence() >= first && id.sequence() <= last;
        }

        /** Number of messages announced. */
        public long count() {
            return last - first + 1;
        }
    }
}
