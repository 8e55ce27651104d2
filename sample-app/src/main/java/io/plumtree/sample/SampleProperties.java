package io.plumtree.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own bounds ({@code sample.*}); everything it keeps in memory has one.
 *
 * @param logSize        messages the page's log keeps, newest first out last
 * @param cacheSize      entries the local cache keeps, least recently used first out
 * @param maxPageClients pages open at once on this node; one more is refused (503) until one closes
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("200") int logSize, @DefaultValue("1000") int cacheSize,
                               @DefaultValue("16") int maxPageClients) {

    /** Checks the bounds. */
    public SampleProperties {
        if (logSize < 1 || cacheSize < 1 || maxPageClients < 1) {
            throw new IllegalArgumentException("sample.log-size, sample.cache-size and sample.max-page-clients must be"
                    + " at least 1, not " + logSize + ", " + cacheSize + ", " + maxPageClients);
        }
    }
}
