package io.plumtree.sample.cache;

import io.plumtree.spring.event.ClusterPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/**
 * The cache over HTTP. {@code GET /api/cache/{key}} reads through this node's cache (loading and keeping the value
 * when it is not cached); {@code DELETE /api/cache/{key}} stands for a write: it publishes the invalidation, and every
 * member, this one included, drops its copy. {@code GET /api/cache} lists this node's entries.
 */
@RestController
public class CacheController {

    /** Longest key accepted. */
    static final int MAX_KEY = 64;

    private final LocalCache cache;
    private final ClusterPublisher cluster;

    public CacheController(LocalCache cache, ClusterPublisher cluster) {
        this.cache = cache;
        this.cluster = cluster;
    }

    @GetMapping("/api/cache")
    public List<CachedValue> entries() {
        return cache.entries();
    }

    @GetMapping("/api/cache/{key}")
    public CachedValue read(@PathVariable("key") String key) {
        return cache.read(checked(key));
    }

    @DeleteMapping("/api/cache/{key}")
    public Map<String, String> invalidate(@PathVariable("key") String key) {
        return Map.of("messageId", cluster.publish(new CacheInvalidated(checked(key))).join().toString());
    }

    private static String checked(String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a key has 1 to " + MAX_KEY + " characters");
        }
        return key;
    }
}
