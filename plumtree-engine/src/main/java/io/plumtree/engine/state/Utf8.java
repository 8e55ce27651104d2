package io.plumtree.engine.state;

/** UTF-8 lengths without encoding, for the size accounting of deltas. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Bytes of {@code s} in UTF-8, as {@code s.getBytes(UTF_8).length} counts them (an unpaired surrogate is one
     * replacement character, 1 byte: {@code '?'}).
     */
    static int length(String s) {
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
            } else if (Character.isSurrogate(c)) {
                // unpaired: encoded as '?', one byte
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }
}
