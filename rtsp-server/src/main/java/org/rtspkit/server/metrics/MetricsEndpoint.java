package org.rtspkit.server.metrics;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The server's HTTP listener ({@code --metrics-address}) on the JDK's built-in HTTP server, one daemon
 * thread: scrapes and API calls are rare and cheap. It serves {@code GET /metrics} through the
 * Prometheus Java client (the text format 0.0.4, or OpenMetrics when the scraper asks for it) from a
 * registry of its own, and whatever else the server {@linkplain #handle mounts} beside it.
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
        // A registry of its own, not the client's static default: two servers in one JVM (tests) stay apart.
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ServerCollector(counts));
        ExpositionFormats formats = ExpositionFormats.init();
        HttpServer http = HttpServer.create(address, 16);
        http.createContext(PATH, exchange -> {
            try (exchange) {
                respond(exchange, registry, formats);
            }
        });
        ExecutorService thread = Executors.newSingleThreadExecutor(
                new ThreadFactoryBuilder().setNameFormat("rtspkit-metrics").setDaemon(true).build());
        http.setExecutor(thread);
        http.start();
        return new MetricsEndpoint(http, thread);
    }

    /** Serves {@code prefix} and what lies below it with {@code handler}, beside {@code /metrics}. */
    public void handle(String prefix, HttpHandler handler) {
        http.createContext(prefix, handler);
    }

    private static void respond(HttpExchange exchange, PrometheusRegistry registry, ExpositionFormats formats)
            throws IOException {
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
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, registry.scrape());
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
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
