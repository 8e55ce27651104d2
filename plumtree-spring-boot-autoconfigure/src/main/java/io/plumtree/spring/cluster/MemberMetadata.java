package io.plumtree.spring.cluster;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A member's metadata as key-value pairs: the engine spreads bytes, and the starter writes them as a URL-encoded form
 * ({@code zone=eu-1&version=2.3}), short and readable by any member.
 */
public final class MemberMetadata {

    private MemberMetadata() {
    }

    /** The bytes of {@code values} as a UTF-8, URL-encoded form; empty for no values. */
    public static byte[] encode(Map<String, String> values) {
        StringJoiner form = new StringJoiner("&");
        values.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key-value pairs in {@code bytes}, in order, or empty when they are not a form this class wrote (a member
     * that is not a Spring application may advertise anything).
     */
    public static Optional<Map<String, String>> decode(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.of(Collections.emptyMap());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            try {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(Collections.unmodifiableMap(values));
    }
}
