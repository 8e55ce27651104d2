package io.plumtree.sample.live;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLogTests {

    private static LogEntry entry(int i) {
        return new LogEntry("node-1#" + i, "notice", "node-1", 0, "text " + i, Instant.EPOCH);
    }

    @Test
    void keepsTheNewestEntriesOldestFirstAndNeverMoreThanItsCapacity() {
        MessageLog log = new MessageLog(3);
        IntStream.rangeClosed(1, 5).forEach(i -> log.add(entry(i)));
        assertThat(log.entries()).extracting(LogEntry::messageId).containsExactly("node-1#3", "node-1#4", "node-1#5");
    }

    @Test
    void holdsFewerEntriesThanItsCapacityAsTheyCame() {
        MessageLog log = new MessageLog(3);
        log.add(entry(1));
        log.add(entry(2));
        assertThat(log.entries()).extracting(LogEntry::messageId).containsExactly("node-1#1", "node-1#2");
    }
}
