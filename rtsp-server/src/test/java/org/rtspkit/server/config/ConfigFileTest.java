package org.rtspkit.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.FileServing;
import org.rtspkit.server.options.Given;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathSource;
import org.rtspkit.server.options.Recording;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.options.UsageException;

/** The configuration file's schema: what it sets, and every kind of mistake named with its line and column. */
class ConfigFileTest {
    private static ServerOptions read(String yaml) {
        return ServerOptions.resolve(ConfigFile.parse(yaml, "t.yml"));
    }

    @Test
    void anEmptyFileIsEveryDefault() {
        assertEquals(ServerOptions.defaults(), read(""));
        assertEquals(ServerOptions.defaults(), read("# nothing but a comment\n"));
    }

    @Test
    void everySectionSetsWhatItsFlagsSet() throws Exception {
        ServerOptions o = read("""
                rtsp:
                  address: 127.0.0.1:9554
                udp:
                  rtpAddress: 127.0.0.1:9000
                multicast:
                  ipRange: 239.1.0.0/16
                  rtpPort: 9002
                rtsps:
                  address: :9322
                  srtpRtpAddress: :9004
                  multicastRtpPort: 9006
                credentials:
                  user: alice
                  pass: 1234
                limits:
                  readTimeout: 5s
                  idleTimeout: 2m
                  writeQueueSize: 512
                  maxSessions: 100
                metrics:
                  address: 127.0.0.1:9100
                  controlApi: false
                  summaryInterval: 0
                """);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(new InetSocketAddress(loopback, 9554), o.rtspAddress());
        assertEquals(new InetSocketAddress(loopback, 9001), o.udpRtcpAddress());
        assertEquals(new ServerOptions.Multicast("239.1.0.0/16", 9002), o.multicast());
        assertEquals(new InetSocketAddress(9322), o.secure().rtspsAddress());
        assertEquals(9006, o.secure().multicastRtpPort());
        assertEquals(new Credentials("alice", "1234"), o.credentials(), "an unquoted number is the password's text");
        assertEquals(Duration.ofSeconds(5), o.limits().readTimeout());
        assertEquals(Duration.ofSeconds(10), o.limits().writeTimeout(), "unset limits keep the engine's default");
        assertEquals(Duration.ofMinutes(2), o.limits().idleTimeout());
        assertEquals(512, o.limits().writeQueueSize());
        assertEquals(100, o.limits().maxSessions());
        assertEquals(new InetSocketAddress(loopback, 9100), o.metricsAddress());
        assertFalse(o.controlApi());
        assertEquals(Duration.ZERO, o.summaryInterval());
        assertTrue(o.demo(), "without paths: the demo is there as without a file");
    }

    @Test
    void pathsAreExactNamesOrPatternsEachWithItsSettings() {
        ServerOptions o = read("""
                paths:
                  demo:
                    source: demo
                  /cam:
                    read: {user: viewer, pass: secret}
                    publish:
                      user: camera
                      pass: s3cret
                  ~^live/[a-z]+$:
                """);
        assertEquals("/demo", o.paths().demoPath().orElseThrow());
        PathRule cam = o.paths().match("/cam").orElseThrow();
        assertEquals("cam", cam.name(), "a leading slash is optional");
        assertEquals(new Credentials("viewer", "secret"), cam.read());
        assertEquals(new Credentials("camera", "s3cret"), cam.publish());
        assertEquals("t.yml:4:3", cam.where());
        assertEquals(PathSource.PUBLISHER, o.paths().match("/live/one").orElseThrow().source());
        assertTrue(o.paths().match("/live/One").isEmpty(), "a pattern matches the whole path");
        assertTrue(o.paths().match("/other").isEmpty(), "a path no entry covers is not served");
    }

    @Test
    void flagsOverrideTheFile() {
        Given file = ConfigFile.parse("""
                rtsp:
                  address: :9554
                credentials:
                  user: alice
                  pass: a
                """, "t.yml");
        ServerOptions o = ServerOptions.resolve(file.overriddenBy(ServerOptions.flags("--rtsp-address", ":7554",
                "--user", "bob", "--pass", "b", "--no-demo")));
        assertEquals(new InetSocketAddress(7554), o.rtspAddress());
        assertEquals(new Credentials("bob", "b"), o.credentials());
        assertFalse(o.demo());
    }

    @Test
    void aFlagThatMovesOrSwitchesOffAFeatureTakesTheFilesSettingsOfItAlong() {
        Given file = ConfigFile.parse("""
                udp:
                  rtpAddress: :8000
                  rtcpAddress: :8001
                multicast:
                  rtpPort: 8002
                  rtcpPort: 8003
                rtsps:
                  address: :8322
                  tlsCert: a.pem
                  tlsKey: a.key
                """, "t.yml");
        ServerOptions moved = ServerOptions.resolve(file.overriddenBy(ServerOptions.flags("--udp-rtp-address", ":9000",
                "--multicast-rtp-port", "9002")));
        assertEquals(9001, moved.udpRtcpAddress().getPort());
        assertEquals(new ServerOptions.Multicast("224.1.0.0/16", 9002), moved.multicast());
        ServerOptions off = ServerOptions.resolve(file.overriddenBy(ServerOptions.flags("--no-udp", "--no-multicast",
                "--no-rtsps")));
        assertFalse(off.udpEnabled());
        assertNull(off.multicast());
        assertNull(off.secure());
    }

    @Test
    void printedConfigurationReadsBackAsTheSame() {
        ServerOptions o = read("""
                udp:
                  rtpAddress: :9000
                limits:
                  idleTimeout: 90s
                  readTimeout: 1500ms
                paths:
                  cam:
                    read: {user: viewer, pass: secret}
                  ~^.*$:
                """);
        String printed = ConfigPrinter.print(o);
        assertFalse(printed.contains("secret"), printed);
        ServerOptions back = read(printed);
        assertEquals(o.limits(), back.limits());
        assertEquals(o.udpRtpAddress(), back.udpRtpAddress());
        assertEquals(o.paths().rules().stream().map(PathRule::name).toList(),
                back.paths().rules().stream().map(PathRule::name).toList());
        assertEquals(new Credentials("viewer", ConfigPrinter.MASK), back.paths().named("cam").orElseThrow().read());
        assertEquals(ConfigPrinter.print(ServerOptions.defaults()), ConfigPrinter.print(read(
                ConfigPrinter.print(ServerOptions.defaults()))), "every default, printed, reads back to itself");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // unknown keys
                Arguments.of("pahts:\n  cam:\n",
                        "t.yml:1:1: unknown key 'pahts' in the file (known: rtsp, udp, multicast, rtsps, credentials,"
                                + " limits, metrics, files, record, paths)"),
                Arguments.of("udp:\n  rtpPrt: 5\n",
                        "t.yml:2:3: unknown key 'rtpPrt' in udp (known: enabled, rtpAddress, rtcpAddress)"),
                Arguments.of("paths:\n  cam:\n    sorce: demo\n",
                        "t.yml:3:5: unknown key 'sorce' in paths.cam (known: source, read, publish, record)"),
                Arguments.of("origin:\n  url: rtsp://other\n",
                        "t.yml:1:1: origin is kept for pulling paths on demand from an origin server, which this server"
                                + " does not do yet"),
                Arguments.of("record:\n  segment: 10m\n",
                        "t.yml:2:12: record.segment needs --record (or record.dir in the file): the folder to write to"),
                Arguments.of("files:\n  fps: 30\n",
                        "t.yml:2:8: files.fps needs --files (or files.dir in the file): the folder to serve"),
                Arguments.of("files:\n  dir: /srv\n  fps: 1000\n",
                        "t.yml:3:8: files.fps: at most 240 pictures a second, got 1000"),
                Arguments.of("record:\n  dir: /var/rec\n  segment: 1d\n",
                        "t.yml:3:12: record.segment: expected a duration such as 10s, 500ms, 2m or 1h (0 turns it"
                                + " off where that is allowed), got '1d'"),
                Arguments.of("paths:\n  cam:\n    record: true\n",
                        "t.yml:2:3: paths.cam.record: true needs record.dir (or --record): the folder to write to"),
                Arguments.of("paths:\n  cam:\n    record: 1\n",
                        "t.yml:3:13: paths.cam.record: expected true or false, got '1'"),
                Arguments.of("paths:\n  cam:\n    forward: [rtsp://other/cam]\n",
                        "t.yml:3:5: paths.cam.forward is kept for publishing a path onward to another server, which"
                                + " this server does not do yet"),
                // wrong types
                Arguments.of("udp: 8000\n", "t.yml:1:6: udp: expected a mapping (key: value lines), got '8000'"),
                Arguments.of("udp:\n  enabled: yes\n", "t.yml:2:12: udp.enabled: expected true or false, got 'yes'"),
                Arguments.of("multicast:\n  rtpPort: high\n",
                        "t.yml:2:12: multicast.rtpPort: expected a whole number, got 'high'"),
                Arguments.of("multicast:\n  rtpPort: [1, 2]\n",
                        "t.yml:2:12: multicast.rtpPort: expected a whole number, got a list"),
                Arguments.of("multicast:\n  rtpPort: 70000\n",
                        "t.yml:2:12: multicast.rtpPort: 70000 is not a port number (1-65535)"),
                Arguments.of("rtsp:\n  address: 8554\n",
                        "t.yml:2:12: rtsp.address: '8554' is not an address: expected host:port, :port or [ipv6]:port"),
                Arguments.of("limits:\n  readTimeout: 10\n",
                        "t.yml:2:16: limits.readTimeout: expected a duration such as 10s, 500ms, 2m or 1h (0 turns it"
                                + " off where that is allowed), got '10'"),
                Arguments.of("limits:\n  maxSessions: 0\n", "t.yml:2:16: limits.maxSessions: must be at least 1, got 0"),
                Arguments.of("limits:\n  readTimeout: 0\n", "t.yml:2:16: limits.readTimeout: must be longer than 0"),
                Arguments.of("paths:\n  cam:\n    source: camera\n",
                        "t.yml:3:13: paths.cam.source: unknown source 'camera' (publisher or demo)"),
                Arguments.of("paths:\n  cam:\n    source: rtsp://10.0.0.9/live\n",
                        "t.yml:3:13: paths.cam.source: pulling a path from a URL is not supported by this server yet"
                                + " (publisher or demo)"),
                // YAML itself
                Arguments.of("udp:\n  enabled: true\n  enabled: false\n",
                        "t.yml:3:3: udp.enabled is set twice (first at t.yml:2:3)"),
                Arguments.of("udp: [\n", "t.yml:2:1: not valid YAML: expected the node content, but found '<stream end>'"),
                Arguments.of("rtsp:\n  address: :8554\n bad\n",
                        "t.yml:3:2: not valid YAML: expected <block end>, but found '<scalar>'"),
                // impossible combinations
                Arguments.of("udp:\n  enabled: false\n  rtpAddress: :8000\n",
                        "t.yml:2:12: udp.enabled: false cannot be combined with udp.rtpAddress (t.yml:3:15)"),
                Arguments.of("udp:\n  rtpAddress: :8000\n  rtcpAddress: :9001\n",
                        "t.yml:3:16: udp.rtcpAddress: the port must be the RTP port + 1 (8001), got 9001"),
                Arguments.of("udp:\n  rtpAddress: :8001\n",
                        "t.yml:2:15: udp.rtpAddress: port 8001 is odd; RTP needs an even port (RTCP takes the next one)"),
                Arguments.of("credentials:\n  user: alice\n",
                        "t.yml:2:9: credentials.user needs credentials.pass (give both or neither)"),
                Arguments.of("rtsps:\n  tlsCert: server.crt\n", "t.yml:2:12: rtsps.tlsCert needs rtsps.tlsKey"),
                Arguments.of("rtsps:\n  enabled: false\n  address: :9322\n",
                        "t.yml:2:12: rtsps.enabled: false cannot be combined with RTSPS settings"),
                Arguments.of("paths:\n  a:\n    source: demo\n  b:\n    source: demo\n",
                        "t.yml:4:3: paths.b.source: demo: only one path can play the demo stream; t.yml:2:3 already does"),
                Arguments.of("paths:\n  ~^d.*$:\n    source: demo\n",
                        "t.yml:3:13: paths.~^d.*$.source: demo needs an exact path name, not a pattern"),
                Arguments.of("paths:\n  demo:\n    source: demo\n    publish: {user: a, pass: b}\n",
                        "t.yml:4:14: paths.demo.publish: the demo path takes no publisher, so it has no publish"
                                + " credentials"),
                Arguments.of("paths:\n  cam:\n  /cam:\n", "t.yml:3:3: paths./cam: the path is already configured at t.yml:2:3"),
                Arguments.of("paths:\n  ~^live/(.+$:\n",
                        "t.yml:2:3: paths.~^live/(.+$: not a regular expression: Unclosed group near index 10"),
                Arguments.of("paths:\n  live cam:\n",
                        "t.yml:2:3: paths.live cam: a path name cannot hold 'a space or control character'"),
                Arguments.of("paths:\n  cam:\n    read: {user: viewer}\n",
                        "t.yml:3:11: paths.cam.read: needs both user and pass"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachKindOfMistakeIsNamedWithItsLineAndColumn(String yaml, String message) {
        UsageException e = assertThrows(UsageException.class, () -> read(yaml));
        assertEquals(message, e.getMessage());
    }

    @Test
    void filesAndRecordSectionsAndThePathsRecordKey() {
        ServerOptions o = read("""
                files:
                  dir: /srv/media
                  fps: 30
                  maxFileSize: 1000000
                record:
                  dir: /srv/rec
                  segment: 10m
                paths:
                  lobby:
                    record: false
                  ~^.*$:
                """);
        assertEquals(new FileServing(Path.of("/srv/media"), 30, 1_000_000, FileServing.DEFAULT_MAX_PLAYING), o.files());
        assertEquals(new Recording(Path.of("/srv/rec"), Duration.ofMinutes(10), Recording.DEFAULT_QUEUE_SIZE), o.record());
        assertEquals(Boolean.FALSE, o.paths().named("lobby").orElseThrow().record());
        ServerOptions back = read(ConfigPrinter.print(o));
        assertEquals(o.files(), back.files());
        assertEquals(o.record(), back.record());
        assertEquals(Boolean.FALSE, back.paths().named("lobby").orElseThrow().record());
        assertNull(read("").files());
        assertNull(read("").record());
        ServerOptions flags = ServerOptions.resolve(ConfigFile.parse("files:\n  dir: /a\n", "t.yml").overriddenBy(
                ServerOptions.flags("--files", "/b", "--file-fps", "50", "--record", "/r", "--record-segment", "90s")));
        assertEquals(new FileServing(Path.of("/b"), 50, FileServing.DEFAULT_MAX_FILE_SIZE, FileServing.DEFAULT_MAX_PLAYING),
                flags.files());
        assertEquals(new Recording(Path.of("/r"), Duration.ofSeconds(90), Recording.DEFAULT_QUEUE_SIZE), flags.record());
    }

    @Test
    void aMissingValueIsTheDefault() {
        ServerOptions o = read("metrics:\n  address:\nrtsps:\n");
        assertNull(o.metricsAddress());
        assertEquals(new InetSocketAddress(8322), o.secure().rtspsAddress());
    }
}
