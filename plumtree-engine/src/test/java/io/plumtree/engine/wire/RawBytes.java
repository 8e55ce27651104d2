package io.plumtree.engine.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds hand-made wire bytes, big-endian, to check the layout and to forge malformed input. */
final class RawBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RawBytes of() {
        return new RawBytes();
    }

    /** The header of a packet or frame body: magic, version 3, kind, label. */
    static RawBytes envelope(int kind, String label) {
        return of().u8(0x50).u8(0x54).u8(3).u8(kind).str8(label);
    }

    RawBytes u8(int b) {
        out.write(b);
        return this;
    }

    RawBytes u16(int s) {
        return u8(s >>> 8).u8(s);
    }

    RawBytes i32(int i) {
        return u16(i >>> 16).u16(i);
    }

    RawBytes i64(long l) {
        return i32((int) (l >>> 32)).i32((int) l);
    }

    RawBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A string with a 2-byte length. */
    RawBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u16(b.length).raw(b);
    }

    /** A string with a 1-byte length (the label). */
    RawBytes str8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u8(b.length).raw(b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** These bytes behind a 4-byte length prefix. */
    byte[] framed() {
        byte[] body = bytes();
        return of().i32(body.length).raw(body).bytes();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }

    static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
