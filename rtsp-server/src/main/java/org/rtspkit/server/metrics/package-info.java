/**
 * What the server is doing, in numbers: {@link org.rtspkit.server.metrics.ServerCounts} read from the
 * stats of sessions and streams, logged as one line by {@link org.rtspkit.server.metrics.ServerSummary}
 * and served for Prometheus, through the Prometheus Java client, by
 * {@link org.rtspkit.server.metrics.MetricsEndpoint}, which also carries the control API.
 */
package org.rtspkit.server.metrics;
