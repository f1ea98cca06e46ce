package org.rtspkit.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Limits;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathRules;
import org.rtspkit.server.options.ServerOptions;

/**
 * What a changed configuration changes, split into what applies to the running server at once (paths,
 * credentials, the control API switch, the summary's interval) and what needs a restart (listeners,
 * transports, TLS files, limits, the HTTP address), each said in the file's keys.
 *
 * @param live        the changes applied without a restart, for the log
 * @param needRestart the changes that take effect at the next start, for the log
 * @param applied     the options in effect once the live changes are applied: the new file's live
 *                    settings, the running ones for everything else
 */
public record ConfigChanges(List<String> live, List<String> needRestart, ServerOptions applied) {
    public ConfigChanges {
        live = List.copyOf(live);
        needRestart = List.copyOf(needRestart);
    }

    /** Nothing to do: the file changed in ways that change nothing (a comment, the order of keys). */
    public boolean none() {
        return live.isEmpty() && needRestart.isEmpty();
    }

    public static ConfigChanges between(ServerOptions running, ServerOptions next) {
        List<String> restart = new ArrayList<>();
        compare(restart, "rtsp.address", address(running.rtspAddress()), address(next.rtspAddress()));
        compare(restart, "udp.rtpAddress", address(running.udpRtpAddress()), address(next.udpRtpAddress()));
        compare(restart, "udp.rtcpAddress", address(running.udpRtcpAddress()), address(next.udpRtcpAddress()));
        compare(restart, "multicast", running.multicast(), next.multicast());
        compare(restart, "rtsps", running.secure(), next.secure());
        Limits was = running.limits();
        Limits now = next.limits();
        compare(restart, "limits.readTimeout", ConfigPrinter.duration(was.readTimeout()),
                ConfigPrinter.duration(now.readTimeout()));
        compare(restart, "limits.writeTimeout", ConfigPrinter.duration(was.writeTimeout()),
                ConfigPrinter.duration(now.writeTimeout()));
        compare(restart, "limits.idleTimeout", ConfigPrinter.duration(was.idleTimeout()),
                ConfigPrinter.duration(now.idleTimeout()));
        compare(restart, "limits.writeQueueSize", was.writeQueueSize(), now.writeQueueSize());
        compare(restart, "limits.maxConnections", was.maxConnections(), now.maxConnections());
        compare(restart, "limits.maxSessions", was.maxSessions(), now.maxSessions());
        compare(restart, "files", running.files(), next.files());
        compare(restart, "record", running.record(), next.record());
        compare(restart, "metrics.address", address(running.metricsAddress()), address(next.metricsAddress()));

        List<String> live = new ArrayList<>();
        if (!Objects.equals(running.credentials(), next.credentials())) {
            live.add("credentials");
        }
        compare(live, "metrics.controlApi", running.controlApi(), next.controlApi());
        compare(live, "metrics.summaryInterval", ConfigPrinter.duration(running.summaryInterval()),
                ConfigPrinter.duration(next.summaryInterval()));
        live.addAll(paths(running.paths(), next.paths()));

        ServerOptions applied = new ServerOptions(running.rtspAddress(), running.udpRtpAddress(),
                running.udpRtcpAddress(), next.credentials(), false, running.multicast(), running.secure(),
                next.summaryInterval(), running.metricsAddress(), next.controlApi(), running.limits(), next.paths(),
                running.configFile(), false, running.given(), running.files(), running.record());
        return new ConfigChanges(live, restart, applied);
    }

    /** {@code paths: added /cam2; changed /cam (read); removed /old}, by the entries' names. */
    private static List<String> paths(PathRules before, PathRules after) {
        Map<String, PathRule> old = byName(before);
        Map<String, PathRule> now = byName(after);
        List<String> said = new ArrayList<>();
        for (PathRule rule : after.withoutPlaces().rules()) {
            PathRule was = old.get(rule.name());
            if (was == null) {
                said.add("paths." + rule.name() + " added");
            } else if (!was.equals(rule)) {
                said.add("paths." + rule.name() + " changed (" + whatChanged(was, rule) + ")");
            }
        }
        for (PathRule rule : before.rules()) {
            if (!now.containsKey(rule.name())) {
                said.add("paths." + rule.name() + " removed");
            }
        }
        if (said.isEmpty() && !before.withoutPlaces().equals(after.withoutPlaces())) {
            said.add("paths: order of the entries");
        }
        return said;
    }

    private static String whatChanged(PathRule was, PathRule now) {
        List<String> parts = new ArrayList<>();
        if (was.source() != now.source()) {
            parts.add("source " + was.source().yamlName() + " -> " + now.source().yamlName());
        }
        if (!Objects.equals(was.read(), now.read())) {
            parts.add("read");
        }
        if (!Objects.equals(was.publish(), now.publish())) {
            parts.add("publish");
        }
        if (!Objects.equals(was.record(), now.record())) {
            parts.add("record");
        }
        return String.join(", ", parts);
    }

    private static Map<String, PathRule> byName(PathRules rules) {
        return rules.withoutPlaces().rules().stream()
                .collect(Collectors.toMap(PathRule::name, Function.identity(), (a, b) -> a));
    }

    private static void compare(List<String> said, String key, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            said.add(key + " (" + describe(was) + " -> " + describe(now) + ")");
        }
    }

    private static String describe(Object value) {
        return value == null ? "off" : value.toString();
    }

    private static String address(java.net.InetSocketAddress a) {
        return a == null ? null : AddressFlags.format(a);
    }
}
