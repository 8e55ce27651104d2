package io.plumtree.engine.state;

import java.util.Objects;

/**
 * The three messages of one scuttlebutt exchange (van Renesse et al., "Efficient Reconciliation and Flow Control for
 * Anti-Entropy Protocols", LADIS 2008, section 3; chitchat's SYN / SYN-ACK / ACK), sent over the reliable stream to
 * the peer. The initiator sends its digest; the peer answers with its own digest and what the initiator lacks; the
 * initiator answers with what the peer lacks. Each encodes as a type byte and its fields.
 */
public sealed interface StateMessage {

    /** Encoded bytes of this message, type byte included. */
    int encodedSize();

    /**
     * SYN: "this is what I hold".
     *
     * @param digest the initiator's digest
     */
    record Syn(Digest digest) implements StateMessage {
        /** Validates the field. */
        public Syn {
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public int encodedSize() {
            return 1 + digest.encodedSize();
        }
    }

    /**
     * SYN-ACK: "this is what I hold, and this is what you lack".
     *
     * @param digest the answering peer's digest
     * @param delta  what the initiator's digest showed it lacks, bounded in bytes
     */
    record SynAck(Digest digest, Delta delta) implements StateMessage {
        /** Validates the fields. */
        public SynAck {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public int encodedSize() {
            return 1 + digest.encodedSize() + delta.encodedSize();
        }
    }

    /**
     * ACK: "this is what you lack". Not sent when the peer lacks nothing.
     *
     * @param delta what the peer's digest showed it lacks, bounded in bytes
     */
    record Ack(Delta delta) implements StateMessage {
        /** Validates the field. */
        public Ack {
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public int encodedSize() {
            return 1 + delta.encodedSize();
        }
    }
}
