package io.plumtree.engine.wire;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on decode results; records holding byte arrays are compared field by field, arrays by content. */
final class WireAssertions {

    private WireAssertions() {
    }

    /** The result is Ok and its value equals {@code expected}, arrays compared by content. */
    static <T> void assertDecodedTo(Decoded<T> decoded, Object expected) {
        assertThat(decoded).as("decoded %s", expected).isInstanceOf(Decoded.Ok.class);
        T value = ((Decoded.Ok<T>) decoded).value();
        if (expected instanceof List<?> list) {
            expected = List.copyOf(list); // the decoders answer immutable lists; strict typing compares classes
        }
        assertThat(value).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(expected);
    }

    /** The result is a drop for {@code reason}. */
    static void assertDropped(Decoded<?> decoded, DropReason reason) {
        assertThat(decoded).isEqualTo(new Decoded.Dropped<>(reason));
    }
}
