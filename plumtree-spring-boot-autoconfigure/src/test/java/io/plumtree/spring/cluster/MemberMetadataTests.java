package io.plumtree.spring.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemberMetadataTests {

    @Test
    void roundTripKeepsOrderAndOddCharacters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("zone", "eu-1");
        values.put("a&b", "c=d é");
        values.put("empty", "");
        byte[] bytes = MemberMetadata.encode(values);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("zone=eu-1&");
        assertThat(MemberMetadata.decode(bytes)).hasValueSatisfying(m ->
                assertThat(m).containsExactlyEntriesOf(values));
    }

    @Test
    void noValuesAreNoBytes() {
        assertThat(MemberMetadata.encode(Map.of())).isEmpty();
        assertThat(MemberMetadata.decode(new byte[0])).contains(Map.of());
    }

    @Test
    void bytesInAnotherFormAreNotDecoded() {
        assertThat(MemberMetadata.decode(new byte[] {(byte) 0xff, 0})).isEmpty();
        assertThat(MemberMetadata.decode("no pairs here".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(MemberMetadata.decode("a=%zz".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
