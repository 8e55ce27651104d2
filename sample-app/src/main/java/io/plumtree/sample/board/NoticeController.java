package io.plumtree.sample.board;

import io.plumtree.spring.event.ClusterPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/**
 * {@code POST /api/notices} with {@code {"author": "...", "text": "..."}} publishes a notice to every member, this one
 * included; the answer carries the message id.
 */
@RestController
public class NoticeController {

    private final ClusterPublisher cluster;

    public NoticeController(ClusterPublisher cluster) {
        this.cluster = cluster;
    }

    @PostMapping("/api/notices")
    public Map<String, String> publish(@RequestBody Notice notice) {
        String text = notice.text() == null ? "" : notice.text().strip();
        String author = notice.author() == null || notice.author().isBlank() ? "anonymous" : notice.author().strip();
        if (text.isEmpty() || text.length() > Notice.MAX_TEXT || author.length() > Notice.MAX_AUTHOR) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a notice needs a text of 1 to "
                    + Notice.MAX_TEXT + " characters and an author of at most " + Notice.MAX_AUTHOR);
        }
        return Map.of("messageId", cluster.publish(new Notice(author, text)).join().toString());
    }
}
