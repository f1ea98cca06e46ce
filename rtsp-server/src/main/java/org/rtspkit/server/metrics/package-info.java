/**
 * What the server is doing, in numbers: {@link org.rtspkit.server.metrics.ServerCounts} read from the
 * stats of sessions and streams, logged as one line by {@link org.rtspkit.server.metrics.ServerSummary}
 * and served for Prometheus by {@link org.rtspkit.server.metrics.MetricsEndpoint}.
 */
package org.rtspkit.server.metrics;
