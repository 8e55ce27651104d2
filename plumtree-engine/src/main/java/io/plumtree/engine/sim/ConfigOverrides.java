package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.state.StateConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Applies {@code --set name=value,name=value} to presets: each name is a {@link PlumtreeConfig} or a
 * {@link SwimConfig} component (for example {@code optimizationThreshold=0}, {@code graftTimeout=250ms} or
 * {@code joinSyncDelay=0}), or for the state scenario a {@link StateConfig} component (for example {@code fanout=2}),
 * so a tuning experiment is one command. Durations take {@code ms} or {@code s} suffixes.
 */
public final class ConfigOverrides {

    private ConfigOverrides() {
    }

    /**
     * @param base the preset
     * @param spec comma-separated {@code name=value} pairs; empty for none
     * @return the configuration with the overrides applied and validated
     * @throws IllegalArgumentException naming the bad pair
     */
    public static PlumtreeConfig apply(PlumtreeConfig base, String spec) {
        PlumtreeConfig.Builder builder = base.toBuilder();
        apply(spec, builder, null);
        return builder.build();
    }

    /**
     * Applies the overrides to both configurations; each name must belong to one of them.
     *
     * @return the two configurations, validated
     */
    static Both apply(PlumtreeConfig plumtree, SwimConfig swim, String spec) {
        PlumtreeConfig.Builder p = plumtree.toBuilder();
        SwimConfig.Builder s = swim.toBuilder();
        apply(spec, p, s);
        return new Both(p.build(), s.build());
    }

    /**
     * @param base the replicated state preset
     * @param spec comma-separated {@code name=value} pairs of {@link StateConfig} settings; empty for none
     * @return the configuration with the overrides applied and validated
     * @throws IllegalArgumentException naming the bad pair
     */
    static StateConfig apply(StateConfig base, String spec) {
        StateConfig.Builder builder = base.toBuilder();
        if (spec == null || spec.isBlank()) {
            return builder.build();
        }
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("--set expects name=value pairs, got '" + pair + "'");
            }
            String name = kv[0].trim();
            Method setter = setter(StateConfig.Builder.class, name);
            if (setter == null) {
                throw new IllegalArgumentException("--set: no replicated state setting named '" + name + "'");
            }
            try {
                setter.invoke(builder, convert(name, kv[1].trim(), setter.getParameterTypes()[0]));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot set " + name, e);
            }
        }
        return builder.build();
    }

    /** A Plumtree and a SWIM configuration. */
    record Both(PlumtreeConfig plumtree, SwimConfig swim) {
    }

    private static void apply(String spec, PlumtreeConfig.Builder plumtree, SwimConfig.Builder swim) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("--set expects name=value pairs, got '" + pair + "'");
            }
            String name = kv[0].trim();
            String value = kv[1].trim();
            Object target = plumtree;
            Method setter = setter(PlumtreeConfig.Builder.class, name);
            if (setter == null && swim != null) {
                target = swim;
                setter = setter(SwimConfig.Builder.class, name);
            }
            if (setter == null) {
                throw new IllegalArgumentException("--set: no " + (swim == null ? "Plumtree" : "Plumtree or SWIM")
                        + " setting named '" + name + "'");
            }
            try {
                setter.invoke(target, convert(name, value, setter.getParameterTypes()[0]));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot set " + name, e);
            }
        }
    }

    private static Method setter(Class<?> builder, String name) {
        for (Method m : builder.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getReturnType() == builder) {
                return m;
            }
        }
        return null;
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
