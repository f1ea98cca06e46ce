package org.rtspkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Plain HTTP calls to the server's metrics listener, as curl makes them. */
public final class TestHttp {
    /** One answer: its status and body. */
    public record Answer(int status, String body) {
    }

    private TestHttp() {
    }

    public static Answer get(InetSocketAddress server, String path) throws IOException {
        return call("GET", server, path);
    }

    public static Answer post(InetSocketAddress server, String path) throws IOException {
        return call("POST", server, path);
    }

    public static Answer call(String method, InetSocketAddress server, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.getPort() + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        if (method.equals("POST")) {
            c.setDoOutput(true);
            c.getOutputStream().close();
        }
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body);
        } finally {
            c.disconnect();
        }
    }
}
