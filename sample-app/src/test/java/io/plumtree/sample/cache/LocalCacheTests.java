package io.plumtree.sample.cache;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCacheTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aReadLoadsTheValueOnceAndKeepsIt() {
        LocalCache cache = new LocalCache(10, clock);
        CachedValue first = cache.read("price-42");
        assertThat(first.value()).isEqualTo("PRICE-42 as read at 2026-01-01T00:00:00Z");
        assertThat(cache.read("price-42")).isSameAs(first);
        assertThat(cache.entries()).containsExactly(first);
    }

    @Test
    void evictingDropsTheEntryAndTheNextReadLoadsItAgain() {
        LocalCache cache = new LocalCache(10, clock);
        CachedValue first = cache.read("k");
        long version = cache.version();
        assertThat(cache.evict("k")).contains(first);
        assertThat(cache.version()).isGreaterThan(version);
        assertThat(cache.entries()).isEmpty();
        assertThat(cache.evict("k")).isEmpty();
        assertThat(cache.read("k")).isNotSameAs(first);
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirstBeyondTheCapacity() {
        LocalCache cache = new LocalCache(2, clock);
        cache.read("a");
        cache.read("b");
        cache.read("a");
        cache.read("c");
        assertThat(cache.entries()).extracting(CachedValue::key).containsExactly("a", "c");
    }
}
