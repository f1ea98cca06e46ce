package com.example.camera;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The camera on the module path, started on loopback and asked over a real socket. */
class CameraTest {
    @Test
    void runsOnTheModulePath() {
        assertEquals("com.example.camera", Camera.class.getModule().getName());
        assertTrue(ModuleLayer.boot().findModule("org.rtspkit.stream").isPresent(), "engine not a named module");
        assertTrue(ModuleLayer.boot().findModule("org.rtspkit.transport.tcp").isPresent(), "TCP transport not on the module path");
    }

    @Test
    void answersOptionsAndDescribe() throws IOException {
        try (Camera camera = new Camera(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket socket = new Socket(camera.address().getAddress(), camera.address().getPort())) {
            socket.setSoTimeout(10_000);
            camera.send(new byte[] {0x0C}, 0, true);
            String url = "rtsp://127.0.0.1:" + camera.address().getPort() + "/camera";
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(("OPTIONS " + url + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").getBytes(UTF_8));
            String options = readResponse(in);
            assertTrue(options.startsWith("RTSP/1.0 200"), options);
            assertTrue(options.toLowerCase(Locale.ROOT).contains("public:") && options.contains("DESCRIBE"), options);

            out.write(("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n").getBytes(UTF_8));
            String describe = readResponse(in);
            assertTrue(describe.startsWith("RTSP/1.0 200"), describe);
            assertTrue(describe.contains("CSeq: 2"), describe);
            assertTrue(describe.contains("m=video") && describe.contains("H264/90000"), describe);
        }
    }

    /** One response: the header lines, then as many body bytes as Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head.toString(UTF_8));
            }
            head.write(b);
        }
        String headers = head.toString(UTF_8);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return headers + new String(in.readNBytes(length), UTF_8);
    }
}
