package io.plumtree.sample.cache;

import io.plumtree.sample.SampleProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * This node's in-memory cache, as an application keeps one in front of a slow database: a read loads the value once
 * and keeps it; {@link CacheInvalidated} from any member drops it. Least recently used entries go first beyond
 * {@code sample.cache-size}. Thread-safe.
 */
@Component
public class LocalCache {

    private final Clock clock;
    /** Entries in access order, so the eldest is the least recently used; bounded by {@link #capacity}. */
    private final LinkedHashMap<String, CachedValue> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    /** Bumped on every change, so the page is sent the entries only when they changed. */
    private long version;

    @Autowired
    public LocalCache(SampleProperties properties) {
        this(properties.cacheSize(), Clock.systemUTC());
    }

    LocalCache(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The cached value of {@code key}, read from the source of truth (and kept) when it is not cached. */
    public synchronized CachedValue read(String key) {
        CachedValue cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        CachedValue loaded = load(key);
        entries.put(key, loaded);
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
        version++;
        return loaded;
    }

    /** Drops {@code key}; returns the dropped entry, if it was cached. */
    public synchronized Optional<CachedValue> evict(String key) {
        CachedValue removed = entries.remove(key);
        if (removed != null) {
            version++;
        }
        return Optional.ofNullable(removed);
    }

    /** The entries, most recently used last. */
    public synchronized List<CachedValue> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Changes so far; equal versions mean equal entries. */
    public synchronized long version() {
        return version;
    }

    /** Stands for the slow read of a database: the value says when this node read it. */
    private CachedValue load(String key) {
        var now = clock.instant();
        return new CachedValue(key, key.toUpperCase(Locale.ROOT) + " as read at " + now, now);
    }
}
