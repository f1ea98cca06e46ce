package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multicast, never on the host's interfaces: the test makes two network namespaces joined by a veth
 * pair, one for GStreamer's RTSP server serving multicast only, one for the command-line client (a
 * second JVM), which must read the group with no loss. (Server and client in one namespace cannot
 * share the group's ports: gst-rtsp-server binds them without address reuse.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MulticastTest {
    @Test
    void readsMulticastFromGstreamerAcrossNamespaces() throws Exception {
        Tools.require("ip", "iproute2");
        Tools.requireGstRtspServer();
        Tools.Result whoami = Tools.run(List.of("id", "-u"), 10);
        assertEquals("0", whoami.output().strip(), "the multicast test makes network namespaces, which needs root");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path");
        String launch = modulePath != null
                ? quote(java) + " --module-path " + quote(modulePath) + " -m org.rtspkit.client/org.rtspkit.client.cli.RtspkitClient"
                : quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " org.rtspkit.client.cli.RtspkitClient";
        String id = Long.toString(ProcessHandle.current().pid() % 100000);
        String script = String.join("\n",
                "set -e",
                "a=rtspkit-mcs-" + id + "; b=rtspkit-mcc-" + id + "; va=mcs" + id + "; vb=mcc" + id,
                "ip netns add $a; ip netns add $b",
                "trap 'ip netns del $a; ip netns del $b' EXIT",
                "ip link add $va type veth peer name $vb",
                "ip link set $va netns $a; ip link set $vb netns $b",
                "ip -n $a addr add 10.77.0.1/24 dev $va; ip -n $a link set $va up; ip -n $a link set lo up",
                "ip -n $b addr add 10.77.0.2/24 dev $vb; ip -n $b link set $vb up; ip -n $b link set lo up",
                "ip -n $a route add 224.0.0.0/4 dev $va; ip -n $b route add 224.0.0.0/4 dev $vb",
                "log=$(mktemp)",
                "ip netns exec $a " + quote(Tools.PYTHON) + " " + quote(GstreamerServerTest.SCRIPT.toString())
                        + " --port 8554 --protocols udp-mcast --mcast-range 224.3.0.1-224.3.0.10 >\"$log\" 2>&1 &",
                "server=$!",
                "for i in $(seq 300); do grep -q '^ready' \"$log\" && break; sleep 0.1; done",
                "grep -q '^ready' \"$log\" || { echo 'GStreamer server did not start:'; cat \"$log\"; kill $server; exit 9; }",
                "set +e",
                "ip netns exec $b " + launch + " read rtsp://10.77.0.1:8554/test --transport multicast --duration 3",
                "status=$?",
                "echo \"client-exit=$status\"",
                "kill $server; wait $server",
                "exit $status");
        Tools.Result r = Tools.run(List.of("bash", "-c", script), 90);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains(" over multicast for 3.0 s"), r.output());
        Matcher m = Pattern.compile("media 0 \\(video H264/90000\\): (\\d+) packets, (\\d+) lost").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertTrue(Long.parseLong(m.group(1)) > 100, r.output());
        assertEquals(0, Long.parseLong(m.group(2)), "lost: " + r.output());
        System.out.println("interop: read GStreamer rtsp-server, MULTICAST (two namespaces, CLI): " + m.group(1)
                + " packets, 0 lost");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static {
        // File.pathSeparator is ':' wherever this test can run (it needs Linux namespaces)
        assert File.pathSeparatorChar == ':';
    }
}
