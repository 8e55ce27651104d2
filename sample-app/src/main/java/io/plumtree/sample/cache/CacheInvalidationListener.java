package io.plumtree.sample.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Drops the local copy of an entry when any member, this one included, publishes its invalidation. */
@Component
public class CacheInvalidationListener {

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidationListener.class);

    private final LocalCache cache;

    public CacheInvalidationListener(LocalCache cache) {
        this.cache = cache;
    }

    @EventListener
    public void on(CacheInvalidated invalidated) {
        cache.evict(invalidated.key())
                .ifPresent(dropped -> log.info("dropped cached '{}' (read at {})", dropped.key(), dropped.loadedAt()));
    }
}
