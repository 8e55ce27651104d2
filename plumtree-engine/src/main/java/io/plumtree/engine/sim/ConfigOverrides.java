package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Applies {@code --set name=value,name=value} to a preset: each name is a {@link PlumtreeConfig} component (for
 * example {@code optimizationThreshold=0} or {@code graftTimeout=250ms}), so a tuning experiment is one command.
 * Durations take {@code ms} or {@code s} suffixes.
 */
final class ConfigOverrides {

    private ConfigOverrides() {
    }

    /**
     * @param base the preset
     * @param spec comma-separated {@code name=value} pairs; empty for none
     * @return the configuration with the overrides applied and validated
     * @throws IllegalArgumentException naming the bad pair
     */
    static PlumtreeConfig apply(PlumtreeConfig base, String spec) {
        if (spec == null || spec.isBlank()) {
            return base;
        }
        PlumtreeConfig.Builder builder = base.toBuilder();
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("--set expects name=value pairs, got '" + pair + "'");
            }
            String name = kv[0].trim();
            String value = kv[1].trim();
            Method setter = setter(name);
            try {
                setter.invoke(builder, convert(name, value, setter.getParameterTypes()[0]));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot set " + name, e);
            }
        }
        return builder.build();
    }

    private static Method setter(String name) {
        for (Method m : PlumtreeConfig.Builder.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1
                    && m.getReturnType() == PlumtreeConfig.Builder.class) {
                return m;
            }
        }
        throw new IllegalArgumentException("--set: no Plumtree setting named '" + name + "'");
    }

    private static Object convert(String name, String value, Class<?> type) {
        try {
            if (type == int.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class) {
                return Long.parseLong(value);
            }
            if (type == double.class) {
                return Double.parseDouble(value);
            }
            if (type == boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new NumberFormatException(value);
                }
                return Boolean.parseBoolean(value);
            }
            if (type == Duration.class) {
                if (value.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                if (value.endsWith("s")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1))
                            * 1000));
                }
                return Duration.ofMillis(Long.parseLong(value));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + name + ": cannot read '" + value + "' as " + type.getSimpleName());
        }
        throw new IllegalArgumentException("--set " + name + ": unsupported type " + type.getSimpleName());
    }
}
