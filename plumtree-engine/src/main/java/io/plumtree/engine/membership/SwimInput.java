package io.plumtree.engine.membership;

import java.util.List;
import java.util.Objects;

/** Everything that can happen to a SWIM core: the inputs of {@link Swim#handle}. */
public sealed interface SwimInput {

    /** Start the periodic probe, gossip, push-pull and reap timers, and gossip this node's own alive message. */
    record Start() implements SwimInput {
    }

    /**
     * Join a cluster: a push-pull exchange (join = true) over the stream with each seed address.
     *
     * @param seedAddresses addresses of members to join through; this node's own address is skipped
     */
    record Join(List<String> seedAddresses) implements SwimInput {
        /** Copies the list. */
        public Join {
            seedAddresses = List.copyOf(seedAddresses);
        }
    }

    /**
     * The answer to {@link SwimOutput.ResolveSeeds}: what the seeds resolve to now. The core push-pulls with each
     * (join = false), to re-merge with whoever answers there.
     *
     * @param seedAddresses the addresses; this node's own address is skipped
     */
    record SeedsResolved(List<String> seedAddresses) implements SwimInput {
        /** Copies the list. */
        public SeedsResolved {
            seedAddresses = List.copyOf(seedAddresses);
        }
    }

    /** Leave gracefully: announce this node's own death (from itself, so others record it as left), stop probing. */
    record Leave() implements SwimInput {
    }

    /**
     * Advertise new metadata: raises this node's incarnation and gossips its alive message.
     *
     * @param metadata at most {@link SwimConfig#maxMetadataBytes()} bytes; the core keeps a copy
     */
    record UpdateMetadata(byte[] metadata) implements SwimInput {
        /** Validates the field. */
        public UpdateMetadata {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * The stream to the member at this address ended or failed without this node closing it: end of stream, a reset,
     * a refused or timed-out connect. A hint, not evidence: the core probes that member at its next probe tick,
     * ahead of the round's order, and suspects it only if that probe fails, as any probe. (JGroups' FD_SOCK suspects
     * a member as soon as its socket closes; here the probe stays the only judge, so a connection closed for any
     * other reason costs one probe taken early and nothing more.) A crashed process's host closes its sockets at
     * once, so its peers probe it within one probe interval instead of waiting for its turn in their rounds.
     *
     * @param address the member's address, as the stream's peer announced it
     */
    record StreamLost(String address) implements SwimInput {
        /** Validates the field. */
        public StreamLost {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * One datagram arrived.
     *
     * @param fromAddress the sender's address
     * @param messages    the messages in it, in order
     */
    record PacketReceived(String fromAddress, List<SwimMessage> messages) implements SwimInput {
        /** Validates and copies. */
        public PacketReceived {
            Objects.requireNonNull(fromAddress, "fromAddress");
            messages = List.copyOf(messages);
        }
    }

    /**
     * One stream frame arrived.
     *
     * @param fromAddress the sender's (listening) address, to answer to
     * @param message     the message
     */
    record StreamReceived(String fromAddress, SwimMessage message) implements SwimInput {
        /** Validates the fields. */
        public StreamReceived {
            Objects.requireNonNull(fromAddress, "fromAddress");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A timer asked for with {@link SwimOutput.ScheduleTimer} has fired.
     *
     * @param timer its key
     */
    record TimerFired(SwimTimer timer) implements SwimInput {
        /** Validates the field. */
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }
}
