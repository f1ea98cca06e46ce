package com.example.camera;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.stream.RtspServers;

/** One H264 source, served to every client that asks for any path. */
final class Camera implements AutoCloseable {
    private final Media video = new Media(MediaType.VIDEO, null, false, null,
            List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1"))));
    private final RtspServer server;
    private ServerStream stream;
    private int sequenceNumber;

    Camera(InetSocketAddress address) throws IOException {
        // The factory runs before the server accepts its first connection, so the stream is there
        // by the time any client asks for it.
        server = RtspServers.start(ServerConfig.builder().rtspAddress(address).build(), started -> {
            stream = started.createStream(new SessionDescription("camera", List.of(video)));
            return new Handler();
        });
    }

    /** Sends one NAL unit (RFC 6184 single NAL unit packet) to every reader. */
    void send(byte[] nalUnit, long timestamp90kHz, boolean lastOfPicture) {
        stream.writePacketRtp(video, RtpPacket.of(lastOfPicture, 96, sequenceNumber++ & 0xFFFF, timestamp90kHz,
                0 /* the stream sets its own SSRC */, nalUnit));
    }

    InetSocketAddress address() {
        return server.rtspAddress();
    }

    @Override
    public void close() {
        server.close(); // ends the stream and its readers too
    }

    /** Called on server threads. */
    private final class Handler implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
        }

        @Override
        public StreamResponse onDescribe(RequestContext context) {
            return StreamResponse.ok(stream);
        }

        @Override
        public StreamResponse onSetup(SetupContext context) {
            return StreamResponse.ok(stream);
        }

        @Override
        public RtspResponse onPlay(RequestContext context) {
            return RtspResponse.ok();
        }
    }
}
