package io.plumtree.engine.sim;

import java.util.Locale;

/** Writes one flat JSON object, keys in the order they are added. Enough for the simulator's one-line reports. */
final class JsonObject {

    private final StringBuilder out = new StringBuilder("{");

    JsonObject put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    JsonObject put(String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return raw(key, "null");
        }
        return raw(key, String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
    }

    JsonObject put(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    JsonObject put(String key, String value) {
        return raw(key, quote(value));
    }

    private JsonObject raw(String key, String json) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(quote(key)).append(':').append(json);
        return this;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
