package org.rtspkit.server.options;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user gave, flag by flag or key by key, before defaults: the command line and the
 * configuration file each fill one, {@link #overriddenBy} lays the command line over the file, and
 * {@link ServerOptions#resolve} checks the result and fills in the defaults. Fields are null when not
 * given. The {@code *Enabled} switches hold false for {@code --no-udp} and the like.
 */
public final class Given {
    public Setting<InetSocketAddress> rtspAddress;
    public Setting<Boolean> udpEnabled;
    public Setting<InetSocketAddress> udpRtpAddress;
    public Setting<InetSocketAddress> udpRtcpAddress;
    public Setting<Boolean> multicastEnabled;
    public Setting<String> multicastIpRange;
    public Setting<Integer> multicastRtpPort;
    public Setting<Integer> multicastRtcpPort;
    public Setting<Boolean> rtspsEnabled;
    public Setting<InetSocketAddress> rtspsAddress;
    public Setting<InetSocketAddress> srtpRtpAddress;
    public Setting<Integer> rtspsMulticastRtpPort;
    public Setting<Path> tlsCert;
    public Setting<Path> tlsKey;
    public Setting<String> user;
    public Setting<String> pass;
    public Setting<Duration> readTimeout;
    public Setting<Duration> writeTimeout;
    public Setting<Duration> idleTimeout;
    public Setting<Integer> writeQueueSize;
    public Setting<Integer> maxConnections;
    public Setting<Integer> maxSessions;
    public Setting<InetSocketAddress> metricsAddress;
    public Setting<Boolean> controlApi;
    public Setting<Duration> summaryInterval;
    public Setting<Path> filesDir;
    public Setting<Integer> fileFps;
    public Setting<Integer> filesMaxFileSize;
    public Setting<Integer> filesMaxPlaying;
    public Setting<Path> recordDir;
    public Setting<Duration> recordSegment;
    public Setting<Integer> recordQueueSize;
    /** False for {@code --no-demo}: the entries with {@code source: demo} are dropped. */
    public Setting<Boolean> demo;
    /** The file's {@code paths:}; null without a file or without the section. */
    public PathRules paths;
    /** {@code --config}: the file these settings are laid over. */
    public Path configFile;
    /** {@code --print-config}. */
    public boolean printConfig;

    /**
     * These settings (the file's) with every setting the other (the command line's) gave replacing
     * this one's. The command line's {@code --config} and {@code --print-config} are kept.
     */
    public Given overriddenBy(Given flags) {
        Given merged = new Given();
        merged.rtspAddress = pick(flags.rtspAddress, rtspAddress);
        merged.udpEnabled = pick(flags.udpEnabled, udpEnabled);
        merged.udpRtpAddress = pick(flags.udpRtpAddress, udpRtpAddress);
        merged.udpRtcpAddress = pick(flags.udpRtcpAddress, udpRtcpAddress);
        merged.multicastEnabled = pick(flags.multicastEnabled, multicastEnabled);
        merged.multicastIpRange = pick(flags.multicastIpRange, multicastIpRange);
        merged.multicastRtpPort = pick(flags.multicastRtpPort, multicastRtpPort);
        merged.multicastRtcpPort = pick(flags.multicastRtcpPort, multicastRtcpPort);
        merged.rtspsEnabled = pick(flags.rtspsEnabled, rtspsEnabled);
        merged.rtspsAddress = pick(flags.rtspsAddress, rtspsAddress);
        merged.srtpRtpAddress = pick(flags.srtpRtpAddress, srtpRtpAddress);
        merged.rtspsMulticastRtpPort = pick(flags.rtspsMulticastRtpPort, rtspsMulticastRtpPort);
        // A certificate and its key go together too.
        boolean flagTls = flags.tlsCert != null || flags.tlsKey != null;
        merged.tlsCert = flagTls ? flags.tlsCert : tlsCert;
        merged.tlsKey = flagTls ? flags.tlsKey : tlsKey;
        // An RTCP port follows its RTP port: a flag that moves the RTP port moves RTCP with it, rather
        // than leave the file's RTCP port behind, no longer next to it.
        if (flags.udpRtpAddress != null && flags.udpRtcpAddress == null) {
            merged.udpRtcpAddress = null;
        }
        if (flags.multicastRtpPort != null && flags.multicastRtcpPort == null) {
            merged.multicastRtcpPort = null;
        }
        // A feature switched off on the command line (--no-udp...) takes the file's settings of it along.
        if (flags.udpEnabled != null && !flags.udpEnabled.value()) {
            merged.udpRtpAddress = flags.udpRtpAddress;
            merged.udpRtcpAddress = flags.udpRtcpAddress;
        }
        if (flags.multicastEnabled != null && !flags.multicastEnabled.value()) {
            merged.multicastIpRange = flags.multicastIpRange;
            merged.multicastRtpPort = flags.multicastRtpPort;
            merged.multicastRtcpPort = flags.multicastRtcpPort;
        }
        if (flags.rtspsEnabled != null && !flags.rtspsEnabled.value()) {
            merged.rtspsAddress = flags.rtspsAddress;
            merged.srtpRtpAddress = flags.srtpRtpAddress;
            merged.rtspsMulticastRtpPort = flags.rtspsMulticastRtpPort;
            merged.tlsCert = flags.tlsCert;
            merged.tlsKey = flags.tlsKey;
        }
        // The user and password go together: a pair on the command line replaces the file's pair.
        boolean flagCredentials = flags.user != null || flags.pass != null;
        merged.user = flagCredentials ? flags.user : user;
        merged.pass = flagCredentials ? flags.pass : pass;
        merged.readTimeout = pick(flags.readTimeout, readTimeout);
        merged.writeTimeout = pick(flags.writeTimeout, writeTimeout);
        merged.idleTimeout = pick(flags.idleTimeout, idleTimeout);
        merged.writeQueueSize = pick(flags.writeQueueSize, writeQueueSize);
        merged.maxConnections = pick(flags.maxConnections, maxConnections);
        merged.maxSessions = pick(flags.maxSessions, maxSessions);
        merged.metricsAddress = pick(flags.metricsAddress, metricsAddress);
        merged.controlApi = pick(flags.controlApi, controlApi);
        merged.summaryInterval = pick(flags.summaryInterval, summaryInterval);
        merged.filesDir = pick(flags.filesDir, filesDir);
        merged.fileFps = pick(flags.fileFps, fileFps);
        merged.filesMaxFileSize = pick(flags.filesMaxFileSize, filesMaxFileSize);
        merged.filesMaxPlaying = pick(flags.filesMaxPlaying, filesMaxPlaying);
        merged.recordDir = pick(flags.recordDir, recordDir);
        merged.recordSegment = pick(flags.recordSegment, recordSegment);
        merged.recordQueueSize = pick(flags.recordQueueSize, recordQueueSize);
        merged.demo = pick(flags.demo, demo);
        merged.paths = flags.paths != null ? flags.paths : paths;
        merged.configFile = flags.configFile != null ? flags.configFile : configFile;
        merged.printConfig = flags.printConfig || printConfig;
        return merged;
    }

    /**
     * Every setting given, by configuration key, with its label: what {@link ServerOptions#fitTo}
     * names when a setting needs a module that is absent.
     */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "udp.enabled", udpEnabled != null && udpEnabled.value() ? udpEnabled : null);
        put(labels, "udp.rtpAddress", udpRtpAddress);
        put(labels, "udp.rtcpAddress", udpRtcpAddress);
        put(labels, "multicast.enabled", multicastEnabled != null && multicastEnabled.value() ? multicastEnabled : null);
        put(labels, "multicast.ipRange", multicastIpRange);
        put(labels, "multicast.rtpPort", multicastRtpPort);
        put(labels, "multicast.rtcpPort", multicastRtcpPort);
        put(labels, "rtsps.enabled", rtspsEnabled != null && rtspsEnabled.value() ? rtspsEnabled : null);
        put(labels, "rtsps.address", rtspsAddress);
        put(labels, "rtsps.tlsCert", tlsCert);
        put(labels, "rtsps.tlsKey", tlsKey);
        put(labels, "rtsps.srtpRtpAddress", srtpRtpAddress);
        put(labels, "rtsps.multicastRtpPort", rtspsMulticastRtpPort);
        return labels;
    }

    private static void put(Map<String, String> labels, String key, Setting<?> setting) {
        if (setting != null) {
            labels.put(key, setting.label());
        }
    }

    private static <T> Setting<T> pick(Setting<T> flag, Setting<T> file) {
        return flag != null ? flag : file;
    }
}
