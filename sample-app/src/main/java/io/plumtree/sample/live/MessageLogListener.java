package io.plumtree.sample.live;

import io.plumtree.sample.board.Notice;
import io.plumtree.sample.cache.CacheInvalidated;
import io.plumtree.spring.event.DeliveredEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Writes every notice and invalidation this node delivers, with its origin and hop count, to the {@link MessageLog}
 * and to the open pages.
 */
@Component
public class MessageLogListener {

    private final MessageLog log;
    private final PageStream pages;

    public MessageLogListener(MessageLog log, PageStream pages) {
        this.log = log;
        this.pages = pages;
    }

    @EventListener
    public void onNotice(DeliveredEvent<Notice> delivered) {
        Notice notice = delivered.event();
        record(delivered, "notice", notice.author() + ": " + notice.text());
    }

    @EventListener
    public void onInvalidation(DeliveredEvent<CacheInvalidated> delivered) {
        record(delivered, "invalidation", "drop cached '" + delivered.event().key() + "'");
    }

    private void record(DeliveredEvent<?> delivered, String kind, String text) {
        LogEntry entry = new LogEntry(delivered.messageId().toString(), kind, delivered.origin().name(),
                delivered.hops(), text, Instant.now());
        log.add(entry);
        pages.send(PageStream.MESSAGE, entry);
    }
}
