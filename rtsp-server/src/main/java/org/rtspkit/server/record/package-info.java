/**
 * Recording ({@code --record}): {@code Recordings} starts a {@code Recorder} for each publisher whose
 * path is recorded; the recorder rebuilds access units with the formats module's depacketizers on the
 * receiving thread and, on a thread of its own, writes them with its {@code TsMuxer} into
 * {@code DIR/<path>/<start time>.ts}, one {@code SegmentFile} after another.
 */
package org.rtspkit.server.record;
