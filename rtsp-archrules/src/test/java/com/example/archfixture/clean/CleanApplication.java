package com.example.archfixture.clean;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.formats.PayloadFormats;
import org.rtspkit.stream.RtspServers;

/** Uses everything an application may: the API with the plugins' settings, the payload formats, the engine's entry point. */
public final class CleanApplication {
    private CleanApplication() {
    }

    public static RtspServer start(ServerHandler handler) throws IOException {
        ServerConfig config = ServerConfig.builder().rtspAddress(new InetSocketAddress("127.0.0.1", 0))
                .srtpSuite(SrtpSuite.AEAD_AES_128_GCM).build();
        System.out.println(PayloadFormats.class.getName());
        return RtspServers.start(config, handler);
    }
}
