package org.rtspkit.server.metrics;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in the Prometheus text format ({@link PrometheusText}) over the JDK's
 * built-in HTTP server, on one daemon thread: scrapes are rare and cheap.
 */
public final class MetricsEndpoint implements AutoCloseable {
    public static final String PATH = "/metrics";

    private final HttpServer http;
    private final ExecutorService thread;

    private MetricsEndpoint(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    /** @throws IOException when the address cannot be bound */
    public static MetricsEndpoint start(InetSocketAddress address, Supplier<ServerCounts> counts) throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        http.createContext(PATH, exchange -> {
            try (exchange) {
                respond(exchange, counts);
            }
        });
        ExecutorService thread = Executors.newSingleThreadExecutor(
                new ThreadFactoryBuilder().setNameFormat("rtspkit-metrics").setDaemon(true).build());
        http.setExecutor(thread);
        http.start();
        return new MetricsEndpoint(http, thread);
    }

    private static void respond(HttpExchange exchange, Supplier<ServerCounts> counts) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        byte[] body = PrometheusText.format(counts.get()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
