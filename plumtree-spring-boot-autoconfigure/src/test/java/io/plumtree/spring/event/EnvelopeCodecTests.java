package io.plumtree.spring.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTests {

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.shared());

    @Test
    void roundTrip() {
        Instant at = Instant.ofEpochMilli(1_764_090_000_123L);
        byte[] bytes = codec.encode("order-placed", at, Map.of("tenant", "acme"), new OrderPlaced("o-1", 1999));
        EventEnvelope envelope = codec.decode(bytes);
        assertThat(envelope.type()).isEqualTo("order-placed");
        assertThat(envelope.publishedAt()).isEqualTo(at);
        assertThat(envelope.headers()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(codec.mapper().treeToValue(envelope.payload(), OrderPlaced.class))
                .isEqualTo(new OrderPlaced("o-1", 1999));
    }

    @Test
    void theWireFormatIsOneReadableJsonObject() {
        String json = new String(codec.encode("t", Instant.ofEpochMilli(5), Map.of(), new OrderPlaced("o", 1)),
                StandardCharsets.UTF_8);
        assertThat(codec.mapper().readTree(json)).isEqualTo(codec.mapper().readTree(
                "{\"v\":1,\"type\":\"t\",\"time\":5,\"headers\":{},\"payload\":{\"orderId\":\"o\",\"cents\":1}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "[1,2]",
            "\"text\"",
            "{\"v\":2,\"type\":\"t\",\"time\":1,\"payload\":{}}",
            "{\"type\":\"t\",\"time\":1,\"payload\":{}}",
            "{\"v\":1,\"time\":1,\"payload\":{}}",
            "{\"v\":1,\"type\":\"\",\"time\":1,\"payload\":{}}",
            "{\"v\":1,\"type\":\"t\",\"payload\":{}}",
            "{\"v\":1,\"type\":\"t\",\"time\":1}",
            "{\"v\":1,\"type\":\"t\",\"time\":1,\"headers\":[],\"payload\":{}}",
            "{\"v\":1,\"type\":\"t\",\"time\":1,\"headers\":{\"a\":1},\"payload\":{}}",
            ""})
    void whatIsNotAnEnvelopeIsRefusedWithAReason(String input) {
        assertThatThrownBy(() -> codec.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageNotContaining("null pointer");
    }

    /** Found by {@link EnvelopeFuzzTest}: Jackson's {@code asLong()} and {@code asInt()} throw out of range. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"v\":1,\"type\":\"t\",\"time\":9223372036854775808,\"payload\":{}}",
            "{\"v\":1,\"type\":\"t\",\"time\":-9223372036854775809,\"payload\":{}}",
            "{\"v\":4294967297,\"type\":\"t\",\"time\":1,\"payload\":{}}",
            "{\"v\":18446744073709551617,\"type\":\"t\",\"time\":1,\"payload\":{}}"})
    void numbersBeyondTheirFieldsRangeAreRefusedNotThrownThrough(String input) {
        assertThatThrownBy(() -> codec.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class, e -> assertThat(e.type()).isEqualTo("t"));
    }

    /**
     * Found by {@link EnvelopeFuzzTest}: read as a double, {@code 21E447} became Infinity, which Jackson writes as the
     * string "Infinity", so an envelope read and written again carried a string where it had a number.
     */
    @ParameterizedTest
    @ValueSource(strings = {"21E447", "-1e400", "1e-400", "0.1", "123456789012345678901234567890.123456789"})
    void everyNumberOfThePayloadSurvivesARoundTripExactly(String number) {
        EventEnvelope read = codec.decode(("{\"v\":1,\"type\":\"t\",\"time\":1,\"payload\":{\"n\":" + number
                + "}}").getBytes(StandardCharsets.UTF_8));
        assertThat(read.payload().get("n").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal(number));
        EventEnvelope again = codec.decode(codec.encode(read.type(), read.publishedAt(), read.headers(),
                read.payload()));
        assertThat(again).isEqualTo(read);
    }

    /** Found by {@link EnvelopeFuzzTest} once numbers were read exactly: Jackson then throws an unwrapped exception. */
    @ParameterizedTest
    @ValueSource(strings = {"9e5677548807", "1e-2147483649", "-7E+9999999999"})
    void aNumberBeyondABigDecimalIsRefused(String number) {
        assertThatThrownBy(() -> codec.decode(("{\"v\":1,\"type\":\"t\",\"time\":1,\"payload\":{\"n\":"
                + number + "}}").getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("beyond a BigDecimal");
    }

    @Test
    void aRefusedEnvelopeStillNamesItsTypeWhenItHasOne() {
        assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"t\",\"time\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class, e -> {
                    assertThat(e.type()).isEqualTo("t");
                    assertThat(e.getMessage()).isEqualTo("no payload");
                });
    }
}
