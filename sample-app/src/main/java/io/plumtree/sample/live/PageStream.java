package io.plumtree.sample.live;

import io.plumtree.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open pages' server-sent event streams: at most {@code sample.max-page-clients} at once, each removed when its
 * page goes away (completion, timeout, or a failed send). A stream times out after {@link #TIMEOUT}; the browser's
 * {@code EventSource} then reconnects by itself. On shutdown every stream is completed before the web server drains
 * its requests, so open pages do not hold the shutdown up. Thread-safe.
 */
@Component
public class PageStream implements SmartLifecycle {

    /** Event name of {@link ClusterView} snapshots. */
    public static final String CLUSTER = "cluster";
    /** Event name of one {@link LogEntry}. */
    public static final String MESSAGE = "message";
    /** Event name of the whole log, sent once when a page connects. */
    public static final String LOG = "log";
    /** Event name of this node's cache entries. */
    public static final String CACHE = "cache";
    /** How long one stream stays open before the browser reconnects. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(PageStream.class);

    /** The open streams; never more than {@link #capacity}. */
    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final int capacity;
    /** Whether streams may be opened: from the context's start to its stop. */
    private volatile boolean running;

    @Autowired
    public PageStream(SampleProperties properties) {
        this(properties.maxPageClients());
    }

    PageStream(int capacity) {
        this.capacity = capacity;
    }

    /** A new stream, or empty when {@code sample.max-page-clients} are already open or the application stops. */
    public synchronized Optional<SseEmitter> open() {
        if (!running || emitters.size() >= capacity) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        return Optional.of(emitter);
    }

    /** Sends {@code data} as event {@code name} to every open stream, closing those that fail. */
    public void send(String name, Object data) {
        for (SseEmitter emitter : emitters) {
            send(emitter, name, data);
        }
    }

    /** Sends {@code data} as event {@code name} to {@code emitter}, closing it when that fails. */
    public void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            close(emitter, e);
        }
    }

    /** Sends a comment to every stream, so the streams of pages that went away without a word are found and closed. */
    public void ping() {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().comment("ping"));
            } catch (IOException | IllegalStateException e) {
                close(emitter, e);
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    /** Completes every stream and refuses new ones. */
    @Override
    public synchronized void stop() {
        running = false;
        for (SseEmitter emitter : emitters) {
            emitters.remove(emitter);
            emitter.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Streams open now. */
    public int size() {
        return emitters.size();
    }

    private void close(SseEmitter emitter, Exception cause) {
        if (emitters.remove(emitter)) {
            log.debug("closing a page stream: {}", cause.toString());
            emitter.completeWithError(cause);
        }
    }
}
