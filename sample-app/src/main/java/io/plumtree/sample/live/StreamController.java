package io.plumtree.sample.live;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream}: the page's server-sent events ({@code cluster}, {@code cache}, {@code log} once, then
 * {@code message} per delivery); 503 when {@code sample.max-page-clients} pages are already open or the node is stopping.
 */
@RestController
public class StreamController {

    private final PageStream pages;
    private final LiveFeed feed;

    public StreamController(PageStream pages, LiveFeed feed) {
        this.pages = pages;
        this.feed = feed;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        SseEmitter emitter = pages.open().orElseThrow(() -> new ResponseStatusException(
                HttpStatus.SERVICE_UNAVAILABLE, "too many pages open on this node (sample.max-page-clients), or it is stopping"));
        feed.welcome(emitter);
        return emitter;
    }
}
