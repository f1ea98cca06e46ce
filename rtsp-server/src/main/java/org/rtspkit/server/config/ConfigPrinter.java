package org.rtspkit.server.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.FileServing;
import org.rtspkit.server.options.Limits;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathSource;
import org.rtspkit.server.options.Recording;
import org.rtspkit.server.options.ServerOptions;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code --print-config}: the configuration in effect as a file of the same schema, every default
 * written out, so that it can be read back with {@code --config}. Passwords are masked.
 */
public final class ConfigPrinter {
    static final String MASK = "********";

    private ConfigPrinter() {
    }

    /** The YAML text, with a comment saying where it came from. */
    public static String print(ServerOptions o) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rtsp", map("address", address(o.rtspAddress())));
        root.put("udp", map("enabled", o.udpEnabled(), "rtpAddress", address(o.udpRtpAddress()),
                "rtcpAddress", address(o.udpRtcpAddress())));
        ServerOptions.Multicast mc = o.multicast();
        root.put("multicast", mc == null ? map("enabled", false)
                : map("enabled", true, "ipRange", mc.ipRange(), "rtpPort", mc.rtpPort(), "rtcpPort", mc.rtpPort() + 1));
        ServerOptions.Secure sec = o.secure();
        root.put("rtsps", sec == null ? map("enabled", false)
                : map("enabled", true, "address", address(sec.rtspsAddress()),
                        "srtpRtpAddress", address(sec.srtpRtpAddress()), "multicastRtpPort", sec.multicastRtpPort(),
                        "tlsCert", sec.certificate() == null ? null : sec.certificate().toString(),
                        "tlsKey", sec.key() == null ? null : sec.key().toString()));
        root.put("credentials", credentials(o.credentials()));
        Limits l = o.limits();
        root.put("limits", map("readTimeout", duration(l.readTimeout()), "writeTimeout", duration(l.writeTimeout()),
                "idleTimeout", duration(l.idleTimeout()), "writeQueueSize", l.writeQueueSize(),
                "maxConnections", l.maxConnections(), "maxSessions", l.maxSessions()));
        root.put("metrics", map("address", address(o.metricsAddress()), "controlApi", o.controlApi(),
                "summaryInterval", duration(o.summaryInterval())));
        FileServing f = o.files();
        root.put("files", f == null ? map("dir", null) : map("dir", f.dir().toString(), "fps", f.fps(),
                "maxFileSize", f.maxFileSize(), "maxPlaying", f.maxPlaying()));
        Recording r = o.record();
        root.put("record", r == null ? map("dir", null) : map("dir", r.dir().toString(), "segment",
                duration(r.segment()), "queueSize", r.queueSize()));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (PathRule rule : o.paths().rules()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", rule.source().yamlName());
            if (rule.read() != null) {
                entry.put("read", credentials(rule.read()));
            }
            if (rule.source() != PathSource.DEMO && rule.publish() != null) {
                entry.put("publish", credentials(rule.publish()));
            }
            if (rule.record() != null) {
                entry.put("record", rule.record());
            }
            paths.put(rule.name(), entry);
        }
        root.put("paths", paths);

        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build();
        String where = o.configFile() == null ? "the command line and the defaults"
                : o.configFile() + ", the command line and the defaults";
        return "# rtspkit-server configuration in effect, from " + where + ".\n"
                + "# Passwords are shown as " + MASK + ".\n"
                + new Dump(settings).dumpToString(root);
    }

    private static Map<String, Object> credentials(Credentials c) {
        return c == null ? map("user", null, "pass", null) : map("user", c.user(), "pass", MASK);
    }

    private static String address(InetSocketAddress a) {
        return a == null ? null : AddressFlags.format(a);
    }

    /** The largest whole unit: {@code 60s} is written {@code 1m}; zero is {@code 0}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
