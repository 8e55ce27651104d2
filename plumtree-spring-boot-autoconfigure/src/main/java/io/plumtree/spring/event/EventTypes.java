package io.plumtree.spring.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event types this application may publish and instantiate, by their type names on the wire. A type is allowed
 * when it is annotated with {@link ClusterEvent} or its package is one of the allowed packages (or below one).
 * Nothing else is ever loaded or instantiated from a name that came from the network: a name outside the allowed
 * packages is refused before any class is looked up.
 */
public final class EventTypes {

    /** Classes by type name: the annotated classes found at startup, and those published or resolved since. */
    private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();
    /** Package prefixes ending with a dot. */
    private final List<String> allowedPackages;
    private final ClassLoader classLoader;

    /**
     * @param annotated       types annotated with {@link ClusterEvent} found by scanning
     * @param allowedPackages packages whose classes are allowed, with their sub-packages
     * @param classLoader     loads classes of allowed packages by name
     */
    public EventTypes(List<Class<?>> annotated, List<String> allowedPackages, ClassLoader classLoader) {
        this.allowedPackages = allowedPackages.stream().map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> p.endsWith(".") ? p : p + ".").toList();
        this.classLoader = classLoader;
        for (Class<?> type : annotated) {
            register(type);
        }
    }

    /**
     * The name {@code type} travels under: its {@link ClusterEvent} value, or its class name.
     *
     * @throws IllegalArgumentException if the type is not allowed, saying how to allow it
     */
    public String nameOf(Class<?> type) {
        if (!allowed(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an allowed cluster event type: annotate it "
                    + "with @" + ClusterEvent.class.getName() + " or add its package to "
                    + "plumtree.events.allowed-packages " + packagesText());
        }
        return register(type);
    }

    /** Whether instances of {@code type} may be published and instantiated. */
    public boolean allowed(Class<?> type) {
        return type.isAnnotationPresent(ClusterEvent.class) || inAllowedPackage(type.getName());
    }

    /**
     * The class to instantiate for a type name that came from the network, or empty when it is unknown or not
     * allowed here.
     */
    public Optional<Class<?>> resolve(String name) {
        Class<?> known = byName.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        if (!inAllowedPackage(name)) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(name, false, classLoader);
            if (type.isAnnotationPresent(ClusterEvent.class) && !logicalName(type).equals(name)) {
                return Optional.empty();
            }
            byName.putIfAbsent(name, type);
            return Optional.of(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Why {@link #resolve} found nothing for {@code name}, for the log and the unknown event. */
    public String whyUnknown(String name) {
        if (inAllowedPackage(name)) {
            return "no class named " + name + " is on this application's classpath (is this member running an "
                    + "older version?)";
        }
        return "'" + name + "' is neither a @ClusterEvent type found at startup nor a class in "
                + "plumtree.events.allowed-packages " + packagesText() + "; only such types are instantiated";
    }

    private String register(Class<?> type) {
        String name = logicalName(type);
        Class<?> previous = byName.putIfAbsent(name, type);
        if (previous != null && previous != type) {
            throw new IllegalStateException("cluster event types " + previous.getName() + " and " + type.getName()
                    + " both use the name '" + name + "'");
        }
        return name;
    }

    private static String logicalName(Class<?> type) {
        ClusterEvent annotation = type.getAnnotation(ClusterEvent.class);
        return annotation == null || annotation.value().isBlank() ? type.getName() : annotation.value();
    }

    private boolean inAllowedPackage(String className) {
        for (String prefix : allowedPackages) {
            if (className.startsWith(prefix) && className.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    private String packagesText() {
        return allowedPackages.stream().map(p -> p.substring(0, p.length() - 1)).toList().toString();
    }
}
