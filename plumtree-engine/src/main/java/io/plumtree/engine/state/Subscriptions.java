package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The key-prefix subscriptions of one core, in the order they were made. */
final class Subscriptions {

    private final LinkedHashMap<Integer, String> prefixes = new LinkedHashMap<>();
    private final int max;

    Subscriptions(int max) {
        this.max = max;
    }

    /**
     * Adds or replaces subscription {@code id}.
     *
     * @throws IllegalArgumentException if it is new and {@code max} subscriptions exist
     */
    void subscribe(int id, String prefix) {
        if (!prefixes.containsKey(id) && prefixes.size() >= max) {
            throw new IllegalArgumentException("at most " + max + " subscriptions (maxSubscriptions)");
        }
        prefixes.put(id, prefix);
    }

    void unsubscribe(int id) {
        prefixes.remove(id);
    }

    boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /** Emits one {@link StateOutput.KeyChanged} per subscription whose prefix {@code key} starts with. */
    void changed(NodeId node, String key, String oldValue, String newValue, long version,
                 Consumer<? super StateOutput> out) {
        for (Map.Entry<Integer, String> e : prefixes.entrySet()) {
            if (key.startsWith(e.getValue())) {
                out.accept(new StateOutput.KeyChanged(e.getKey(), node, key, oldValue, newValue, version));
            }
        }
    }
}
