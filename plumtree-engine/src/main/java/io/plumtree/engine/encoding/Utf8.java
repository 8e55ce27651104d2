package io.plumtree.engine.encoding;

/**
 * UTF-8 lengths without encoding, for the size accounting of the protocol cores (packets are filled and deltas
 * bounded by size on every message, so counting must not allocate).
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Bytes of {@code s} in UTF-8, as {@code s.getBytes(UTF_8).length} counts them: 1 below U+0080, 2 below U+0800,
     * 4 per surrogate pair, 3 otherwise, and 1 for an unpaired surrogate, which the encoder replaces with {@code '?'}.
     */
    public static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // a pair: 2 chars, 4 bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }
}
