/** The plumtree node under test: a {@link io.plumtree.engine.ClusterNode} with the {@code lan} preset. */
package io.plumtree.bench.plumtree;
