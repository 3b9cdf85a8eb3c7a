/**
 * The graph engine: iterative algorithms over a graph laid out once, on Spark RDDs, kept apart from
 * what the graph means (the interaction graph, account quality and brand seeds live in
 * {@code io.virage.graph} and use only the public classes here).
 *
 * <ul>
 *   <li>{@link io.virage.graph.engine.DenseIndex}: dense ids 0 .. n-1 for the users, and back to rows;</li>
 *   <li>{@link io.virage.graph.engine.GraphBlocks}: one shuffle lays out pairs of users for both
 *       algorithms; {@link io.virage.graph.engine.PageRank#layout} lays out a plain edge list;</li>
 *   <li>{@link io.virage.graph.engine.PageRank}: the door to PageRank, global or personalized, with
 *       its iteration and output contract;</li>
 *   <li>{@link io.virage.graph.engine.CoreDecomposition}: core numbers over the same layout.</li>
 * </ul>
 * Package-private behind the door: {@code RankPropagation} (broadcast path), {@code ShuffledPropagation}
 * (shuffle path), {@code TiledBlock} and {@code CsrBlock} (the blocks).
 */
package io.virage.graph.engine;
