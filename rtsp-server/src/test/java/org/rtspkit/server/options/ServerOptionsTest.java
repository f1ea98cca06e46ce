package org.rtspkit.server.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerOptionsTest {

    @Test
    void defaultsServeEveryInterfaceOnTheConventionalPorts() {
        ServerOptions o = ServerOptions.defaults();
        assertEquals(new InetSocketAddress(8554), o.rtspAddress());
        assertEquals(new InetSocketAddress(8000), o.udpRtpAddress());
        assertEquals(new InetSocketAddress(8001), o.udpRtcpAddress());
        assertTrue(o.rtspAddress().getAddress().isAnyLocalAddress());
        assertNull(o.credentials());
        assertFalse(o.help());
        assertTrue(o.demo(), "/demo is served unless switched off");
    }

    @Test
    void noDemoSwitchesTheDemoStreamOff() {
        assertFalse(ServerOptions.parse("--no-demo").demo());
        assertFalse(ServerOptions.parse("--no-udp", "--no-demo").demo());
        assertTrue(ServerOptions.USAGE.contains("--no-demo"), ServerOptions.USAGE);
    }

    @Test
    void takesEveryFlagInBothForms() throws Exception {
        ServerOptions o = ServerOptions.parse("--rtsp-address", "127.0.0.1:9554", "--udp-rtp-address=127.0.0.1:9000",
                "--udp-rtcp-address", "127.0.0.1:9001", "--user", "alice", "--pass=s3cret");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(new InetSocketAddress(loopback, 9554), o.rtspAddress());
        assertEquals(new InetSocketAddress(loopback, 9000), o.udpRtpAddress());
        assertEquals(new InetSocketAddress(loopback, 9001), o.udpRtcpAddress());
        assertEquals(new Credentials("alice", "s3cret"), o.credentials());
    }

    @Test
    void rtcpFollowsTheRtpAddressWhenNotGiven() throws Exception {
        ServerOptions o = ServerOptions.parse("--udp-rtp-address", "127.0.0.1:9000");
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9001), o.udpRtcpAddress());
    }

    @Test
    void noUdpLeavesBothUdpAddressesOut() {
        ServerOptions o = ServerOptions.parse("--no-udp");
        assertFalse(o.udpEnabled());
        assertNull(o.udpRtpAddress());
        assertNull(o.udpRtcpAddress());
    }

    @Test
    void ipv6HostsAreWrittenInBrackets() throws Exception {
        ServerOptions o = ServerOptions.parse("--rtsp-address", "[::1]:8554");
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 8554), o.rtspAddress());
        assertEquals("[::1]:8554", AddressFlags.format(o.rtspAddress()));
    }

    @Test
    void helpWinsOverMistakes() {
        assertTrue(ServerOptions.parse("--bogus", "--help").help());
        assertTrue(ServerOptions.parse("-h").help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus                                     | unknown flag '--bogus'",
            "serve                                       | unexpected argument 'serve' (flags start with --)",
            "--rtsp-address                              | --rtsp-address needs a value",
            "--rtsp-address --no-udp                     | --rtsp-address needs a value",
            "--rtsp-address 8554                         | --rtsp-address: '8554' is not an address: expected host:port, :port or [ipv6]:port",
            "--rtsp-address :99999                       | --rtsp-address: port '99999' is not a number between 0 and 65535",
            "--rtsp-address :http                        | --rtsp-address: port 'http' is not a number between 0 and 65535",
            "--rtsp-address :+80                         | --rtsp-address: port '+80' is not a number between 0 and 65535",
            "--rtsp-address :-0                          | --rtsp-address: port '-0' is not a number between 0 and 65535",
            "--rtsp-address localhost:                   | --rtsp-address: port '' is not a number between 0 and 65535",
            "--rtsp-address [::1]:http                   | --rtsp-address: port 'http' is not a number between 0 and 65535",
            "--rtsp-address [::1]x8554                   | --rtsp-address: '[::1]x8554' is not an address: expected host:port, :port or [ipv6]:port",
            "--rtsp-address ::1:8554                     | --rtsp-address: '::1:8554' is not an address: write IPv6 hosts in brackets, as in [::1]:8554",
            "--rtsp-address [::1]                        | --rtsp-address: '[::1]' is not an address: expected host:port, :port or [ipv6]:port",
            "--rtsp-address no-such-host.invalid:8554    | --rtsp-address: unknown host 'no-such-host.invalid'",
            "--rtsp-address :1 --rtsp-address :2         | --rtsp-address is given more than once",
            "--udp-rtp-address :8001                     | --udp-rtp-address: port 8001 is odd; RTP needs an even port (RTCP takes the next one)",
            "--udp-rtp-address :0                        | --udp-rtp-address: port 0 cannot be used for UDP; give an even port such as 8000",
            "--udp-rtp-address :8000 --udp-rtcp-address :9001 | --udp-rtcp-address: the port must be the RTP port + 1 (8001), got 9001",
            "--no-udp --udp-rtp-address :8000            | --no-udp cannot be combined with --udp-rtp-address",
            "--no-udp=yes                                | --no-udp takes no value",
            "--no-demo=true                              | --no-demo takes no value",
            "--no-demo --no-demo                         | --no-demo is given more than once",
            "--user alice                                | --user needs --pass (give both or neither)",
            "--pass secret                               | --pass needs --user (give both or neither)",
            "--user= --pass=x                            | --user must not be empty",
            "--summary-interval -1                       | --summary-interval: '-1' is not a number of seconds (0-86400; 0 turns it off)",
            "--summary-interval 1m                       | --summary-interval: '1m' is not a number of seconds (0-86400; 0 turns it off)",
            "--metrics-address 9100                      | --metrics-address: '9100' is not an address: expected host:port, :port or [ipv6]:port",
    })
    void badCommandLinesSayWhatIsWrong(String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> ServerOptions.parse(line.trim().split(" +")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertFalse(new Credentials("alice", "s3cret").toString().contains("s3cret"));
    }

    @Test
    void addressesPrintInFlagAndUrlNotation() throws Exception {
        assertEquals(":8554", AddressFlags.format(new InetSocketAddress(8554)));
        assertEquals("0.0.0.0:8554", AddressFlags.authority(new InetSocketAddress(8554)));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8554);
        assertEquals("127.0.0.1:8554", AddressFlags.format(loopback));
        assertEquals("127.0.0.1:8554", AddressFlags.authority(loopback));
        assertEquals("[::1]:8554", AddressFlags.authority(new InetSocketAddress(InetAddress.getByName("::1"), 8554)));
    }

    @ParameterizedTest
    @CsvSource({
            "::, [::]:1",
            "::1, [::1]:1",
            "1::, [1::]:1",
            "2001:db8::1:0:0:1, [2001:db8::1:0:0:1]:1",
            "2001:db8:0:0:1:0:0:1, [2001:db8::1:0:0:1]:1",
            "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:1",
            "fe80:0:0:0:0:0:0:1%1, [fe80::1]:1",
    })
    void ipv6AddressesPrintInTheirShortForm(String literal, String expected) throws Exception {
        assertEquals(expected, AddressFlags.authority(new InetSocketAddress(InetAddress.getByName(literal), 1)));
    }

    @Test
    void summaryEveryMinuteAndNoMetricsByDefault() {
        ServerOptions o = ServerOptions.defaults();
        assertEquals(Duration.ofSeconds(60), o.summaryInterval());
        assertNull(o.metricsAddress());
    }

    @Test
    void summaryIntervalAndMetricsAddressAreTaken() throws Exception {
        ServerOptions o = ServerOptions.parse("--summary-interval", "0", "--metrics-address=127.0.0.1:9100");
        assertEquals(Duration.ZERO, o.summaryInterval());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9100), o.metricsAddress());
    }

    private static final Plugins TCP_ONLY = new Plugins(false, false, false, "tcp");

    @Test
    void withEveryPluginNothingChanges() {
        List<String> said = new ArrayList<>();
        ServerOptions o = ServerOptions.defaults();
        assertEquals(o, o.fitTo(Plugins.ALL, said::add));
        assertEquals(List.of(), said);
    }

    @Test
    void defaultsThatNeedAnAbsentPluginAreDroppedAndSaidSo() {
        List<String> said = new ArrayList<>();
        ServerOptions o = ServerOptions.parse("--rtsp-address", "127.0.0.1:9554").fitTo(TCP_ONLY, said::add);
        assertFalse(o.udpEnabled());
        assertNull(o.multicast());
        assertNull(o.secure());
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9554), o.rtspAddress());
        assertEquals(List.of(
                "RTSPS is off: org.rtspkit.srtp (artifact rtsp-srtp) is not on the module path (add it, or give"
                        + " --no-rtsps to say so)",
                "UDP is off: org.rtspkit.transport.udp (artifact rtsp-transport-udp) is not on the module path"
                        + " (found: tcp); readers get media over TCP",
                "multicast is off: org.rtspkit.multicast (artifact rtsp-multicast) is not on the module path"), said);
    }

    @Test
    void switchedOffFeaturesNeedNoPluginAndNoWord() {
        List<String> said = new ArrayList<>();
        ServerOptions o = ServerOptions.parse("--no-udp", "--no-multicast", "--no-rtsps").fitTo(TCP_ONLY, said::add);
        assertFalse(o.udpEnabled());
        assertEquals(List.of(), said);
    }

    @Test
    void rtspsWithoutUdpKeepsItsListenerAndDropsItsUdpSocket() {
        List<String> said = new ArrayList<>();
        ServerOptions o = ServerOptions.defaults().fitTo(new Plugins(false, true, true, "tcp"), said::add);
        assertEquals(new InetSocketAddress(8322), o.secure().rtspsAddress());
        assertNull(o.secure().srtpRtpAddress());
        assertEquals(2, said.size(), said.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--udp-rtp-address :8000        | --udp-rtp-address: UDP needs org.rtspkit.transport.udp (artifact rtsp-transport-udp)",
            "--udp-rtcp-address :8001       | --udp-rtcp-address: UDP needs org.rtspkit.transport.udp (artifact rtsp-transport-udp)",
            "--multicast-ip-range 239.0.0.0/8 | --multicast-ip-range: multicast needs org.rtspkit.multicast (artifact rtsp-multicast)",
            "--multicast-rtp-port 9002      | --multicast-rtp-port: multicast needs org.rtspkit.multicast (artifact rtsp-multicast)",
            "--rtsps-address :9322          | --rtsps-address: RTSPS needs org.rtspkit.srtp (artifact rtsp-srtp)",
            "--tls-cert a.pem --tls-key b.pem | --tls-cert: RTSPS needs org.rtspkit.srtp (artifact rtsp-srtp)",
            "--srtp-rtp-address :9004       | --srtp-rtp-address: RTSPS needs org.rtspkit.srtp (artifact rtsp-srtp)",
    })
    void aFlagForAnAbsentPluginIsAUsageError(String line, String message) {
        UsageException e = assertThrows(UsageException.class,
                () -> ServerOptions.parse(line.trim().split(" +")).fitTo(TCP_ONLY, s -> { }));
        assertEquals(message + ", which is not on the module path (transports found: tcp); add it or leave the flag out",
                e.getMessage());
    }

    @Test
    void aRefusedCommandLineLogsNothing() {
        List<String> said = new ArrayList<>();
        assertThrows(UsageException.class, () -> ServerOptions.parse("--udp-rtp-address", ":8000").fitTo(TCP_ONLY, said::add));
        assertEquals(List.of(), said);
    }

    @Test
    void srtpOverUdpNeedsTheUdpPlugin() {
        UsageException e = assertThrows(UsageException.class, () -> ServerOptions.parse("--srtp-rtp-address", ":9004")
                .fitTo(new Plugins(false, false, true, "tcp"), s -> { }));
        assertTrue(e.getMessage().startsWith("--srtp-rtp-address: SRTP over UDP needs org.rtspkit.transport.udp"),
                e.getMessage());
    }

    @Test
    void filesAndRecordFlags() {
        ServerOptions o = ServerOptions.parse("--files", "media", "--file-fps", "30", "--record", "rec",
                "--record-segment", "15m");
        assertEquals(new FileServing(java.nio.file.Path.of("media"), 30, FileServing.DEFAULT_MAX_FILE_SIZE,
                FileServing.DEFAULT_MAX_PLAYING), o.files());
        assertEquals(new Recording(java.nio.file.Path.of("rec"), Duration.ofMinutes(15),
                Recording.DEFAULT_QUEUE_SIZE), o.record());
        assertEquals(Recording.DEFAULT_SEGMENT, ServerOptions.parse("--record", "rec").record().segment());
        assertEquals(FileServing.DEFAULT_FPS, ServerOptions.parse("--files", "media").files().fps());
        assertEquals(null, ServerOptions.parse().files());
        assertEquals("--file-fps needs --files (or files.dir in the file): the folder to serve",
                assertThrows(UsageException.class, () -> ServerOptions.parse("--file-fps", "30")).getMessage());
        assertEquals("--file-fps: must be at least 1, got 0",
                assertThrows(UsageException.class, () -> ServerOptions.parse("--files", "m", "--file-fps", "0")).getMessage());
        assertEquals("--record-segment: expected a duration such as 10s, 500ms, 2m or 1h, got '5'",
                assertThrows(UsageException.class, () -> ServerOptions.parse("--record", "r", "--record-segment", "5"))
                        .getMessage());
        assertEquals("--record-segment needs --record (or record.dir in the file): the folder to write to",
                assertThrows(UsageException.class, () -> ServerOptions.parse("--record-segment", "5s")).getMessage());
    }
}
