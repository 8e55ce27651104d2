/**
 * The public Java API of the plumtree engine: identifiers shared by every layer. The node facade
 * ({@code ClusterNode}, {@code ClusterConfig}) arrives with the NIO runtime.
 */
package io.plumtree.engine;
