package io.plumtree.spring.event;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads {@link EventEnvelope}s as one JSON object:
 * {@code {"v":1,"type":"order-placed","time":1764090000000,"headers":{},"payload":{...}}}, where {@code time} is in
 * milliseconds since the epoch.
 */
public final class EnvelopeCodec {

    /** The envelope format version written; others are refused on reading. */
    public static final int VERSION = 1;

    private final JsonMapper mapper;
    /**
     * Reads envelopes with the mapper's settings, but every number with a fraction or exponent as a {@code
     * BigDecimal}: as a double, {@code 1e400} would become Infinity, which writes back as the string "Infinity".
     */
    private final ObjectReader reader;

    /** @param mapper the application's JSON mapper, so events serialize as in the rest of the application */
    public EnvelopeCodec(JsonMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The JSON mapper events are written and bound with. */
    public JsonMapper mapper() {
        return mapper;
    }

    /**
     * The bytes of an envelope carrying {@code event}.
     *
     * @throws JacksonException if the event does not serialize
     */
    public byte[] encode(String type, Instant publishedAt, Map<String, String> headers, Object event) {
        return mapper.writeValueAsBytes(new Wire(VERSION, type, publishedAt.toEpochMilli(), headers, event));
    }

    /**
     * Reads an envelope, leaving its payload as a tree, in which every number is exactly as written (integers as
     * {@code int}, {@code long} or {@code BigInteger}, the others as {@code BigDecimal}).
     *
     * @throws MalformedEnvelopeException saying what is wrong, if the bytes are not an envelope of this version
     */
    public EventEnvelope decode(byte[] bytes) {
        JsonNode root;
        try {
            root = reader.readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedEnvelopeException(null, "not JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson's BigDecimal parser throws this, unwrapped, for an exponent beyond an int (9e5677548807)
            throw new MalformedEnvelopeException(null, "a number beyond a BigDecimal: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEnvelopeException(null, "not a JSON object");
        }
        JsonNode type = root.get("type");
        String typeName = type != null && type.isString() ? type.stringValue() : null;
        JsonNode version = root.get("v");
        // canConvertTo*: Jackson's asInt() and asLong() throw on an integer beyond the type's range
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
                || version.asInt() != VERSION) {
            throw new MalformedEnvelopeException(typeName, "envelope version " + version + " is not " + VERSION);
        }
        if (typeName == null || typeName.isBlank()) {
            throw new MalformedEnvelopeException(null, "no type name");
        }
        JsonNode time = root.get("time");
        if (time == null || !time.isIntegralNumber()) {
            throw new MalformedEnvelopeException(typeName, "no publication time");
        }
        if (!time.canConvertToLong()) {
            throw new MalformedEnvelopeException(typeName, "publication time " + time + " is beyond milliseconds "
                    + "since the epoch in a long");
        }
        JsonNode payload = root.get("payload");
        if (payload == null) {
            throw new MalformedEnvelopeException(typeName, "no payload");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = root.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new MalformedEnvelopeException(typeName, "headers are not an object");
            }
            for (Map.Entry<String, JsonNode> e : h.properties()) {
                if (!e.getValue().isString()) {
                    throw new MalformedEnvelopeException(typeName, "header '" + e.getKey() + "' is not a string");
                }
                headers.put(e.getKey(), e.getValue().stringValue());
            }
        }
        return new EventEnvelope(typeName, Instant.ofEpochMilli(time.asLong()), headers, payload);
    }

    /** The envelope's shape on the wire. */
    record Wire(int v, String type, long time, Map<String, String> headers, Object payload) {
    }
}
