package io.plumtree.engine.encoding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "node-1", "10.0.0.1:7946", "caf\u00e9", "\u00ff\u0100\u07ff\u0800", "\u6771\u4eac",
            "\uffff", "\ud83d\ude00 smile", "lone \ud83d high", "lone \ude00 low", "\ude00\ud83d reversed",
            "end \ud83d"})
    void lengthIsTheEncodedLength(String s) {
        assertThat(Utf8.length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
}
