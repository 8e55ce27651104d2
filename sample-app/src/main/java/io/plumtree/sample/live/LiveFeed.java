package io.plumtree.sample.live;

import io.plumtree.sample.cache.LocalCache;
import io.plumtree.spring.actuate.PlumtreeEndpoint;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Objects;

/**
 * Keeps the open pages current: every half second it reads the cluster from the {@code plumtree} Actuator endpoint
 * and this node's cache, and sends whichever changed; every 15 seconds it pings the streams so dead ones are closed.
 * A page that connects first gets the whole picture.
 */
@Component
public class LiveFeed {

    private final PlumtreeEndpoint endpoint;
    private final LocalCache cache;
    private final MessageLog log;
    private final PageStream pages;
    /** The view last sent, or null before the first; only the scheduler's thread touches it. */
    private ClusterView lastView;
    /** The cache version last sent; only the scheduler's thread touches it. */
    private long lastCacheVersion = -1;

    public LiveFeed(PlumtreeEndpoint endpoint, LocalCache cache, MessageLog log, PageStream pages) {
        this.endpoint = endpoint;
        this.cache = cache;
        this.log = log;
        this.pages = pages;
    }

    /** Sends the whole picture to a page that just connected. */
    public void welcome(SseEmitter emitter) {
        pages.send(emitter, PageStream.CLUSTER, view());
        pages.send(emitter, PageStream.CACHE, cache.entries());
        pages.send(emitter, PageStream.LOG, log.entries());
    }

    /** Sends what changed since the last tick. */
    @Scheduled(fixedDelay = 500)
    public void tick() {
        if (pages.size() == 0) {
            lastView = null;
            lastCacheVersion = -1;
            return;
        }
        ClusterView view = view();
        if (!Objects.equals(view, lastView)) {
            pages.send(PageStream.CLUSTER, view);
            lastView = view;
        }
        long version = cache.version();
        if (version != lastCacheVersion) {
            pages.send(PageStream.CACHE, cache.entries());
            lastCacheVersion = version;
        }
    }

    /** Pings the streams, closing those of pages that are gone. */
    @Scheduled(fixedDelay = 15_000)
    public void ping() {
        pages.ping();
    }

    private ClusterView view() {
        return ClusterView.of(endpoint.cluster());
    }
}
