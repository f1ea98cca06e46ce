/**
 * The ready-to-use RTSP server
 * ({@link org.rtspkit.server.RtspkitServer}, started by {@code ./rtspkit-server} at the
 * repository root).
 */
module org.rtspkit.server {
    // Brings org.rtspkit.api along (requires transitive). The transports are not required: the
    // engine finds them with ServiceLoader on the module path, which is how an application picks them.
    requires org.rtspkit.stream;

    // The /demo stream's RTP/JPEG packetizer (RFC 2435); files on demand and recording: the MPEG-TS
    // demuxer and muxer, the packetizers that play files and the depacketizers that record publishers.
    requires org.rtspkit.formats;

    // Only to ask which plugins are on the module path (Transports, SrtpProviders,
    // MulticastProviders), so that a flag whose module is absent is refused with its name.
    requires org.rtspkit.spi;

    // Address notation of the flags (HostAndPort, InetAddresses), thread naming (ThreadFactoryBuilder)
    // and warnings that would repeat once per packet (RateLimiter). Required by the engine already.
    requires com.google.common;

    // ASN.1 for OpenSSL's PKCS#1/SEC1 PEM keys and for building the self-signed RTSPS certificate,
    // which the JDK cannot do; keys and signatures themselves stay on the JDK's providers.
    requires org.bouncycastle.provider;

    // Not used in code: it makes java.util.logging the backend of System.Logger whatever the engine's
    // libraries require, so the one-line format set in main applies and
    // -Djava.util.logging.config.file tunes levels.
    requires java.logging;

    // The JDK's built-in HTTP server, for --metrics-address (GET /metrics and the control API); a JDK
    // module, so jlink images carry it without a third-party jar.
    requires jdk.httpserver;

    // /metrics: the Prometheus Java client's data model (registry, snapshots) and its text formats.
    // Automatic modules as published; the module path the build lays out for jlink gives them
    // descriptors under these same names (moditect, in the parent POM).
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;

    // The configuration file (--config): YAML composed into nodes that keep their line and column, so
    // that every mistake is named where it is; also writes --print-config.
    requires org.snakeyaml.engine;

    // The control API's JSON (/v1/paths, /v1/sessions).
    requires com.fasterxml.jackson.databind;

    // Jackson reads the records of the API's JSON documents (ApiJson) by reflection; nothing else sees them.
    opens org.rtspkit.server.control to com.fasterxml.jackson.databind;

    // ImageIO's JPEG writer for the /demo stream's Motion JPEG pictures: the JDK has no other encoder.
    requires java.desktop;

    // Exports nothing: a program started with java -m, not a library to build on.
}
