package io.plumtree.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One JSON object on one line, keys in insertion order; values are numbers, strings or lists of numbers. */
public final class JsonLine {

    private final List<String> fields = new ArrayList<>();

    /** Adds a string. */
    public JsonLine add(String key, String value) {
        fields.add(quote(key) + ":" + quote(value));
        return this;
    }

    /** Adds a whole number. */
    public JsonLine add(String key, long value) {
        fields.add(quote(key) + ":" + value);
        return this;
    }

    /** Adds a number, rounded to {@code decimals} places; NaN and infinities become null. */
    public JsonLine add(String key, double value, int decimals) {
        fields.add(quote(key) + ":" + number(value, decimals));
        return this;
    }

    /** Adds a list of numbers, each rounded to {@code decimals} places. */
    public JsonLine add(String key, double[] values, int decimals) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(number(v, decimals));
        }
        fields.add(quote(key) + ":[" + String.join(",", parts) + "]");
        return this;
    }

    @Override
    public String toString() {
        return "{" + String.join(",", fields) + "}";
    }

    private static String number(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
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
}
