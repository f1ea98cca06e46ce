package org.rtspkit.server.control;

import java.util.List;
import java.util.Map;

/**
 * The control API's JSON documents, as Jackson writes these records: one record per object, fields in
 * declaration order. README.md, "Control API", shows them.
 */
final class ApiJson {
    private ApiJson() {
    }

    /** {@code GET /v1/paths}. */
    record Paths(List<PathItem> paths) {
    }

    /**
     * One path.
     *
     * @param name     the request path, {@code /cam}
     * @param config   the {@code paths:} entry that covers it ({@code cam}, {@code ~^live/.+$})
     * @param source   what feeds it; null while nobody publishes
     * @param ready    whether readers can play it now
     * @param readers  readers playing, by transport
     * @param inbound  from the source
     * @param outbound to the readers, all listeners together
     */
    record PathItem(String name, String config, Source source, boolean ready, Map<String, Integer> readers,
                    Inbound inbound, Outbound outbound) {
    }

    /**
     * A path's source.
     *
     * @param type          {@code publisher} or {@code demo}
     * @param session       the publisher's session id; null for the demo
     * @param remoteAddress the publisher's address; null for the demo
     * @param transport     {@code tcp} or {@code udp}; null for the demo
     */
    record Source(String type, String session, String remoteAddress, String transport) {
    }

    /**
     * Received.
     *
     * @param bytes          RTP and RTCP bytes
     * @param rtpPackets     RTP packets
     * @param rtpPacketsLost RTP packets that never arrived, by sequence number
     */
    record Inbound(long bytes, long rtpPackets, long rtpPacketsLost) {
        static final Inbound NONE = new Inbound(0, 0, 0);
    }

    /**
     * Sent.
     *
     * @param bytes             RTP and RTCP bytes
     * @param rtpPackets        RTP packets, once per reader or multicast group
     * @param rtpPacketsDropped RTP packets that readers' full queues refused
     */
    record Outbound(long bytes, long rtpPackets, long rtpPacketsDropped) {
        static final Outbound NONE = new Outbound(0, 0, 0);
    }

    /** {@code GET /v1/sessions}. */
    record Sessions(List<SessionItem> sessions) {
    }

    /**
     * One session.
     *
     * @param id            the RTSP session id, as {@code POST /v1/sessions/{id}/kick} takes it
     * @param role          {@code publisher}, {@code reader}, or {@code setup} before RECORD or PLAY
     * @param path          the request path
     * @param state         the RTSP state: {@code initial}, {@code prePlay}, {@code play}, {@code preRecord}, {@code record}
     * @param transport     {@code udp}, {@code tcp} or {@code multicast}; null before SETUP
     * @param secure        whether media is SRTP (RTSPS with MIKEY)
     * @param remoteAddress the client's address
     * @param created       when its first SETUP or ANNOUNCE arrived (ISO-8601, UTC)
     */
    record SessionItem(String id, String role, String path, String state, String transport, boolean secure,
                       String remoteAddress, String created, Inbound inbound, Outbound outbound) {
    }

    /** {@code POST /v1/sessions/{id}/kick}: the session as it was when kicked. */
    record Kicked(SessionItem kicked) {
    }

    /** Any refusal: {@code 404}, {@code 405}, {@code 401}... */
    record Error(String error) {
    }
}
