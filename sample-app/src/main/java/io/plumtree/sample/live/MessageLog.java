package io.plumtree.sample.live;

import io.plumtree.sample.SampleProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code sample.log-size} messages this node delivered, oldest first; older ones are dropped. Thread-safe. */
@Component
public class MessageLog {

    /** Newest last; never longer than {@link #capacity}. */
    private final ArrayDeque<LogEntry> entries = new ArrayDeque<>();
    private final int capacity;

    @Autowired
    public MessageLog(SampleProperties properties) {
        this(properties.logSize());
    }

    MessageLog(int capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code entry}, dropping the oldest when full. */
    public synchronized void add(LogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The entries, oldest first. */
    public synchronized List<LogEntry> entries() {
        return new ArrayList<>(entries);
    }
}
