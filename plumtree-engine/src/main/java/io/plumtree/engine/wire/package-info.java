/**
 * The binary wire format: records to bytes and back, over {@link java.nio.ByteBuffer}, with no Java serialization.
 *
 * <p>{@link io.plumtree.engine.wire.SwimCodec} and {@link io.plumtree.engine.wire.PlumtreeCodec} encode single
 * messages; {@link io.plumtree.engine.wire.PacketCodec} wraps SWIM messages in a UDP datagram and {@link
 * io.plumtree.engine.wire.FrameCodec} wraps one {@link io.plumtree.engine.node.Frame} in a length-prefixed TCP frame,
 * both with magic, version, kind and cluster label; {@link io.plumtree.engine.wire.FrameReader} cuts a byte stream
 * into frames. Decoding never throws on remote input: it answers {@link io.plumtree.engine.wire.Decoded.Dropped} with
 * a {@link io.plumtree.engine.wire.DropReason}, and every length and count is bounded by {@link
 * io.plumtree.engine.wire.WireLimits} before anything is allocated. With a {@link
 * io.plumtree.engine.wire.Keyring} configured ({@link io.plumtree.engine.wire.Sealing}), the body of every packet and
 * frame is sealed with AES-GCM by the {@link io.plumtree.engine.wire.Sealer}, the clear header as associated data;
 * unsealed or forged input is dropped. The layout is documented in {@code docs/wire-format.md}.
 */
package io.plumtree.engine.wire;
