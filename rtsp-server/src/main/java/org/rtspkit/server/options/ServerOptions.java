package org.rtspkit.server.options;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the ready-to-use server runs with: the command line laid over the configuration file
 * ({@code --config}), with every default filled in.
 *
 * @param rtspAddress    where the RTSP listener binds
 * @param udpRtpAddress  the shared UDP RTP socket; null when UDP is off
 * @param udpRtcpAddress the shared UDP RTCP socket (the RTP port + 1); null when UDP is off
 * @param credentials    what every publisher and reader must present unless its path says otherwise; null for none
 * @param help           whether {@code --help} was given: print {@link #USAGE} and do nothing else
 * @param multicast      the multicast settings; null when turned off with {@code --no-multicast}
 * @param secure         the RTSPS listener's settings; null when turned off with {@code --no-rtsps}
 * @param summaryInterval how often the one-line summary is logged; {@link Duration#ZERO} for never
 * @param metricsAddress where {@code /metrics} and the control API are served over HTTP; null for nowhere
 * @param controlApi     whether the control API ({@code /v1/...}) is served beside {@code /metrics}
 * @param limits         the engine's limits
 * @param paths          which paths are served and how ({@code paths:}); the demo is an entry there
 * @param configFile     the configuration file, watched for changes; null without {@code --config}
 * @param printConfig    whether {@code --print-config} was given: print the configuration and exit
 * @param given          every setting given that needs an optional module, by configuration key, with
 *                       its label (the flag, or the file position and key), to name it in a refusal
 * @param files          files on demand ({@code --files}); null when off
 * @param record         recording of published paths ({@code --record}); null when off
 */
public record ServerOptions(InetSocketAddress rtspAddress, InetSocketAddress udpRtpAddress,
                     InetSocketAddress udpRtcpAddress, Credentials credentials, boolean help,
                     Multicast multicast, Secure secure, Duration summaryInterval,
                     InetSocketAddress metricsAddress, boolean controlApi, Limits limits, PathRules paths,
                     Path configFile, boolean printConfig, Map<String, String> given, FileServing files,
                     Recording record) {

    /** UDP multicast: groups from {@code ipRange}, RTP on {@code rtpPort}, RTCP on the next port. */
    public record Multicast(String ipRange, int rtpPort) {
    }

    /**
     * RTSPS: a second listener with TLS, its own UDP pair for SRTP and its own multicast ports.
     *
     * @param certificate PEM certificate chain, or null for a self-signed certificate made at start
     * @param key         PEM private key (PKCS#8, PKCS#1 or SEC1), with {@code certificate}
     */
    public record Secure(InetSocketAddress rtspsAddress, InetSocketAddress srtpRtpAddress, Path certificate, Path key,
                  int multicastRtpPort) {
        Secure withoutUdp() {
            return new Secure(rtspsAddress, null, certificate, key, multicastRtpPort);
        }
    }

    static final int DEFAULT_RTSPS_PORT = 8322;
    static final int DEFAULT_SRTP_RTP_PORT = 8004;
    static final String DEFAULT_MULTICAST_RANGE = "224.1.0.0/16";
    static final int DEFAULT_MULTICAST_RTP_PORT = 8002;
    static final int DEFAULT_SECURE_MULTICAST_RTP_PORT = 8006;

    static final int DEFAULT_RTSP_PORT = 8554;
    static final int DEFAULT_UDP_RTP_PORT = 8000;
    static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofSeconds(60);

    public static final String USAGE = """
            Usage: rtspkit-server [flags]

            Serves RTSP on one port: any client may publish to any path with ANNOUNCE and RECORD,
            and any number of clients play that path back with DESCRIBE, SETUP and PLAY, over TCP
            (interleaved) or UDP.

            Flags:
              --config FILE            read the settings from a YAML file (README: "Configuration file");
                                       flags override it, and its changes apply while running where
                                       they can
              --print-config           print the configuration in effect, every default included, and exit
              --rtsp-address ADDR      the RTSP listener (default :8554)
              --udp-rtp-address ADDR   the shared UDP socket for RTP; the port must be even (default :8000)
              --udp-rtcp-address ADDR  the shared UDP socket for RTCP; the port must be the RTP port + 1
                                       (default: the RTP host and port + 1, so :8001)
              --no-udp                 no UDP sockets: media travels inside the RTSP connection only
              --user NAME              credentials that publishers and readers must present
              --pass SECRET            (Basic or Digest); give both or neither
              --multicast-ip-range CIDR  multicast groups for readers that ask (default 224.1.0.0/16)
              --multicast-rtp-port N   port of every group's RTP (default 8002)
              --multicast-rtcp-port N  port of every group's RTCP: the RTP port + 1 (default 8003)
              --no-multicast           no multicast (it is on when org.rtspkit.multicast is present)
              --rtsps-address ADDR     the RTSPS (TLS) listener, with SRTP media (default :8322; on when
                                       org.rtspkit.srtp is present)
              --tls-cert FILE          PEM certificate chain for RTSPS; without it a self-signed
              --tls-key FILE           certificate is made at start and its fingerprint logged
              --srtp-rtp-address ADDR  RTSPS's UDP socket for SRTP (default :8004; SRTCP on the next port)
              --no-rtsps               no RTSPS listener
              --summary-interval N     log a one-line summary of paths, readers and packets every N
                                       seconds (default 60; 0 turns it off)
              --metrics-address ADDR   serve the same numbers for Prometheus at http://ADDR/metrics
                                       (default: not served)
              --files DIR              serve every file DIR/NAME at rtsp://host:port/NAME: MPEG-TS (.ts: H264,
                                       H265, AAC, Opus), H264 or H265 Annex B (.h264 .264 .h265 .265)
                                       and ADTS AAC (.aac), from its start, looping
              --file-fps N             pictures a second of .h264 and .h265 files (default 25)
              --record DIR             write every published path to DIR/PATH/START-TIME.ts
              --record-segment D       start a new file every D (default 1h; e.g. 10m, 90s)
              --no-demo                no demo stream (by default /demo plays a moving test picture
                                       with a clock and a 440 Hz tone, made by the server)
              --help                   print this help and exit

            ADDR is host:port, :port (every IPv4 interface) or [ipv6]:port, e.g. 127.0.0.1:8554.
            The file also sets limits, per-path credentials and which paths are served.
            Every flag with a value also takes the form --flag=value. UDP, multicast and RTSPS are on
            by default when their modules are present; without them, their defaults are dropped
            (and logged) and their flags are refused.

            Publish:  ffmpeg -re -i input.mp4 -c copy -f rtsp rtsp://127.0.0.1:8554/mystream
            Read:     ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/mystream
            Demo:     ffplay rtsp://127.0.0.1:8554/demo
            """;

    static final String DEFAULT_RTSP_ADDRESS = ":" + DEFAULT_RTSP_PORT;

    public ServerOptions {
        if ((udpRtpAddress == null) != (udpRtcpAddress == null)) {
            throw new IllegalArgumentException("both UDP addresses or neither");
        }
        given = given == null ? Map.of() : Map.copyOf(given);
        summaryInterval = summaryInterval == null ? Duration.ZERO : summaryInterval;
        limits = limits == null ? Limits.DEFAULTS : limits;
        paths = paths == null ? PathRules.DEFAULT : paths;
    }

    /**
     * Options for a server in a test or an application: the given addresses, the defaults otherwise, no
     * demo, nothing logged.
     */
    public static ServerOptions of(InetSocketAddress rtspAddress, InetSocketAddress udpRtpAddress,
                            InetSocketAddress udpRtcpAddress, Credentials credentials) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, false, null, null,
                Duration.ZERO, null, true, Limits.DEFAULTS, PathRules.DEFAULT.withoutDemo(), null, false, Map.of(),
                null, null);
    }

    public ServerOptions withMetricsAddress(InetSocketAddress address) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, address, controlApi, limits, paths, configFile, printConfig, given, files, record);
    }

    public ServerOptions withDemo(boolean on) {
        return withPaths(on ? paths.withDemo() : paths.withoutDemo());
    }

    public ServerOptions withPaths(PathRules rules) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, metricsAddress, controlApi, limits, rules, configFile, printConfig, given, files, record);
    }

    /** These options serving the files of a folder; null for none. */
    public ServerOptions withFiles(FileServing serving) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, metricsAddress, controlApi, limits, paths, configFile, printConfig, given, serving, record);
    }

    /** These options recording published paths; null for none. */
    public ServerOptions withRecord(Recording recording) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, metricsAddress, controlApi, limits, paths, configFile, printConfig, given, files, recording);
    }

    public ServerOptions withConfigFile(Path file) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, metricsAddress, controlApi, limits, paths, file, printConfig, given, files, record);
    }

    /** Whether a path plays the demo stream. */
    public boolean demo() {
        return paths.demoPath().isPresent();
    }

    /**
     * These options with what needs a module that is absent taken out: a default that needs it is
     * dropped, and {@code info} told why; a setting given for it is an error, since the user asked
     * for something this server cannot do.
     *
     * @throws UsageException naming the flag or key and the module it needs
     */
    public ServerOptions fitTo(Plugins plugins, Consumer<String> info) {
        // Refusals first, so that a refused command line logs nothing.
        if (!plugins.srtp() && secure != null) {
            refuseGiven(RTSPS_KEYS, "RTSPS", Plugins.SRTP_MODULE, plugins);
        }
        if (!plugins.udp()) {
            refuseGiven(UDP_KEYS, "UDP", Plugins.UDP_MODULE, plugins);
            if (secure != null) {
                refuseGiven(List.of("rtsps.srtpRtpAddress"), "SRTP over UDP", Plugins.UDP_MODULE, plugins);
            }
        }
        if (!plugins.multicast() && multicast != null) {
            refuseGiven(MULTICAST_KEYS, "multicast", Plugins.MULTICAST_MODULE, plugins);
        }

        InetSocketAddress rtp = udpRtpAddress;
        InetSocketAddress rtcp = udpRtcpAddress;
        Multicast mc = multicast;
        Secure sec = secure;
        if (sec != null && !plugins.srtp()) {
            info.accept("RTSPS is off: " + Plugins.SRTP_MODULE + " is not on the module path (add it, "
                    + "or give --no-rtsps to say so)");
            sec = null;
        }
        if (!plugins.udp()) {
            if (rtp != null) {
                info.accept("UDP is off: " + Plugins.UDP_MODULE + " is not on the module path (found: "
                        + plugins.transports() + "); readers get media over TCP");
                rtp = null;
                rtcp = null;
            }
            if (sec != null && sec.srtpRtpAddress() != null) {
                info.accept("RTSPS media travels inside the TLS connection only: " + Plugins.UDP_MODULE
                        + " is not on the module path");
                sec = sec.withoutUdp();
            }
        }
        if (mc != null && !plugins.multicast()) {
            info.accept("multicast is off: " + Plugins.MULTICAST_MODULE + " is not on the module path");
            mc = null;
        }
        return new ServerOptions(rtspAddress, rtp, rtcp, credentials, help, mc, sec, summaryInterval, metricsAddress,
                controlApi, limits, paths, configFile, printConfig, given, files, record);
    }

    private static final List<String> UDP_KEYS = List.of("udp.enabled", "udp.rtpAddress", "udp.rtcpAddress");
    private static final List<String> MULTICAST_KEYS =
            List.of("multicast.enabled", "multicast.ipRange", "multicast.rtpPort", "multicast.rtcpPort");
    private static final List<String> RTSPS_KEYS = List.of("rtsps.enabled", "rtsps.address", "rtsps.tlsCert",
            "rtsps.tlsKey", "rtsps.srtpRtpAddress", "rtsps.multicastRtpPort");

    private void refuseGiven(List<String> keys, String feature, String module, Plugins plugins) {
        for (String key : keys) {
            String label = given.get(key);
            if (label != null) {
                throw new UsageException(label + ": " + feature + " needs " + module + ", which is not on the module path"
                        + " (transports found: " + plugins.transports() + "); add it or leave the "
                        + (label.startsWith("--") ? "flag" : "key") + " out");
            }
        }
    }

    public boolean udpEnabled() {
        return udpRtpAddress != null;
    }

    /** The options a bare {@code rtspkit-server} runs with. */
    public static ServerOptions defaults() {
        return parse();
    }

    /**
     * Parses the arguments of {@code main} alone, as when no {@code --config} is given.
     *
     * @throws UsageException naming the flag and what was wrong with it
     */
    public static ServerOptions parse(String... args) {
        Given flags = flags(args);
        return flags == null ? helpOnly() : resolve(flags);
    }

    /** The options of {@code --help}. */
    public static ServerOptions helpOnly() {
        return new ServerOptions(null, null, null, null, true, null, null, null, null, false, null, null, null, false,
                Map.of(), null, null);
    }

    /**
     * What the command line gives, before defaults; null when it asks for {@code --help}.
     *
     * @throws UsageException naming the flag and what was wrong with it
     */
    public static Given flags(String... args) {
        for (String arg : args) {
            // --help wins over anything else on the line, even over mistakes.
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
        }
        Given g = new Given();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (flags start with --)");
            }
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            if (!seen.add(flag)) {
                throw new UsageException(flag + " is given more than once");
            }
            if (SWITCHES.contains(flag)) {
                if (equals >= 0) {
                    throw new UsageException(flag + " takes no value");
                }
                Setting<Boolean> off = Setting.flag(false, flag);
                switch (flag) {
                    case "--no-udp" -> g.udpEnabled = off;
                    case "--no-multicast" -> g.multicastEnabled = off;
                    case "--no-rtsps" -> g.rtspsEnabled = off;
                    case "--no-demo" -> g.demo = off;
                    case "--print-config" -> g.printConfig = true;
                    default -> throw new AssertionError(flag);
                }
                continue;
            }
            if (!takesValue(flag)) {
                throw new UsageException("unknown flag '" + flag + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            switch (flag) {
                case "--config" -> g.configFile = Path.of(value);
                case "--rtsp-address" -> g.rtspAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--udp-rtp-address" -> g.udpRtpAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--udp-rtcp-address" -> g.udpRtcpAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--user" -> g.user = Setting.flag(value, flag);
                case "--pass" -> g.pass = Setting.flag(value, flag);
                case "--multicast-ip-range" -> g.multicastIpRange = Setting.flag(value, flag);
                case "--multicast-rtp-port" -> g.multicastRtpPort = Setting.flag(port(flag, value), flag);
                case "--multicast-rtcp-port" -> g.multicastRtcpPort = Setting.flag(port(flag, value), flag);
                case "--rtsps-address" -> g.rtspsAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--srtp-rtp-address" -> g.srtpRtpAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--tls-cert" -> g.tlsCert = Setting.flag(Path.of(value), flag);
                case "--tls-key" -> g.tlsKey = Setting.flag(Path.of(value), flag);
                case "--summary-interval" -> g.summaryInterval = Setting.flag(seconds(flag, value), flag);
                case "--metrics-address" -> g.metricsAddress = Setting.flag(AddressFlags.parse(flag, value), flag);
                case "--files" -> g.filesDir = Setting.flag(Path.of(value), flag);
                case "--file-fps" -> g.fileFps = Setting.flag(number(flag, value), flag);
                case "--record" -> g.recordDir = Setting.flag(Path.of(value), flag);
                case "--record-segment" -> g.recordSegment = Setting.flag(duration(flag, value), flag);
                default -> throw new AssertionError(flag);
            }
        }
        return g;
    }

    /**
     * Checks what was given and fills in every default.
     *
     * @throws UsageException naming the setting (flag, or file position and key) and what is wrong with it
     */
    public static ServerOptions resolve(Given g) {
        InetSocketAddress rtsp = Setting.valueOr(g.rtspAddress, new InetSocketAddress(DEFAULT_RTSP_PORT));
        Credentials credentials = credentials(g.user, g.pass);
        boolean noMulticast = g.multicastEnabled != null && !g.multicastEnabled.value();
        if (noMulticast) {
            refuseWithSwitchOff(g.multicastEnabled, g.multicastIpRange, g.multicastRtpPort, g.multicastRtcpPort);
        }
        Multicast multicast = noMulticast ? null : multicast(g.multicastIpRange, g.multicastRtpPort, g.multicastRtcpPort);
        if ((g.tlsCert == null) != (g.tlsKey == null)) {
            throw new UsageException(g.tlsCert == null ? g.tlsKey.label() + " needs " + other(g.tlsKey, "--tls-cert", "rtsps.tlsCert")
                    : g.tlsCert.label() + " needs " + other(g.tlsCert, "--tls-key", "rtsps.tlsKey"));
        }
        boolean noUdp = g.udpEnabled != null && !g.udpEnabled.value();
        boolean noRtsps = g.rtspsEnabled != null && !g.rtspsEnabled.value();
        Secure secure = null;
        if (!noRtsps) {
            InetSocketAddress srtpRtp = null;
            if (!noUdp) {
                srtpRtp = Setting.valueOr(g.srtpRtpAddress, new InetSocketAddress(DEFAULT_SRTP_RTP_PORT));
                checkEvenPort(g.srtpRtpAddress == null ? "--srtp-rtp-address" : g.srtpRtpAddress.label(),
                        srtpRtp.getPort());
            }
            int secureMulticast = Setting.valueOr(g.rtspsMulticastRtpPort, DEFAULT_SECURE_MULTICAST_RTP_PORT);
            if (g.rtspsMulticastRtpPort != null) {
                checkEvenPort(g.rtspsMulticastRtpPort.label(), secureMulticast);
            }
            secure = new Secure(Setting.valueOr(g.rtspsAddress, new InetSocketAddress(DEFAULT_RTSPS_PORT)), srtpRtp,
                    Setting.valueOr(g.tlsCert, null), Setting.valueOr(g.tlsKey, null), secureMulticast);
        } else if (g.rtspsAddress != null || g.srtpRtpAddress != null || g.tlsCert != null
                || g.rtspsMulticastRtpPort != null) {
            throw new UsageException(g.rtspsEnabled.label() + " cannot be combined with RTSPS settings");
        }
        Limits limits = limits(g);
        Duration summary = Setting.valueOr(g.summaryInterval, DEFAULT_SUMMARY_INTERVAL);
        InetSocketAddress metrics = Setting.valueOr(g.metricsAddress, null);
        boolean api = Setting.valueOr(g.controlApi, true);
        PathRules paths = g.paths != null ? g.paths : PathRules.DEFAULT;
        if (g.demo != null && !g.demo.value()) {
            paths = paths.withoutDemo();
        }
        InetSocketAddress rtp = null;
        InetSocketAddress rtcp = null;
        if (noUdp) {
            refuseWithSwitchOff(g.udpEnabled, g.udpRtpAddress, g.udpRtcpAddress);
        } else {
            rtp = Setting.valueOr(g.udpRtpAddress, new InetSocketAddress(DEFAULT_UDP_RTP_PORT));
            checkRtpPort(g.udpRtpAddress == null ? "--udp-rtp-address" : g.udpRtpAddress.label(), rtp);
            if (g.udpRtcpAddress == null) {
                rtcp = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
            } else {
                rtcp = g.udpRtcpAddress.value();
                if (rtcp.getPort() != rtp.getPort() + 1) {
                    throw new UsageException(g.udpRtcpAddress.label() + ": the port must be the RTP port + 1 ("
                            + (rtp.getPort() + 1) + "), got " + rtcp.getPort());
                }
            }
        }
        return new ServerOptions(rtsp, rtp, rtcp, credentials, false, multicast, secure, summary, metrics, api, limits,
                paths, g.configFile, g.printConfig, g.labels(), files(g), record(g));
    }

    private static FileServing files(Given g) {
        if (g.filesDir == null) {
            for (Setting<?> s : new Setting<?>[] {g.fileFps, g.filesMaxFileSize, g.filesMaxPlaying}) {
                if (s != null) {
                    throw new UsageException(s.label() + " needs --files (or files.dir in the file): the folder to serve");
                }
            }
            return null;
        }
        int fps = positive(g.fileFps, FileServing.DEFAULT_FPS);
        if (fps > FileServing.MAX_FPS) {
            throw new UsageException(g.fileFps.label() + ": at most " + FileServing.MAX_FPS + " pictures a second, got " + fps);
        }
        return new FileServing(g.filesDir.value(), fps, positive(g.filesMaxFileSize, FileServing.DEFAULT_MAX_FILE_SIZE),
                positive(g.filesMaxPlaying, FileServing.DEFAULT_MAX_PLAYING));
    }

    private static Recording record(Given g) {
        if (g.recordDir == null && g.paths != null) {
            for (PathRule rule : g.paths.rules()) {
                if (Boolean.TRUE.equals(rule.record())) {
                    throw new UsageException((rule.where() == null ? "" : rule.where() + ": ") + "paths." + rule.name()
                            + ".record: true needs record.dir (or --record): the folder to write to");
                }
            }
        }
        if (g.recordDir == null) {
            for (Setting<?> s : new Setting<?>[] {g.recordSegment, g.recordQueueSize}) {
                if (s != null) {
                    throw new UsageException(s.label() + " needs --record (or record.dir in the file): the folder to"
                            + " write to");
                }
            }
            return null;
        }
        return new Recording(g.recordDir.value(), positive(g.recordSegment, Recording.DEFAULT_SEGMENT),
                positive(g.recordQueueSize, Recording.DEFAULT_QUEUE_SIZE));
    }

    /** {@code --no-udp cannot be combined with --udp-rtp-address}: a feature switched off and set up at once. */
    private static void refuseWithSwitchOff(Setting<Boolean> off, Setting<?>... settings) {
        for (Setting<?> s : settings) {
            if (s != null) {
                throw new UsageException(off.label() + " cannot be combined with " + s.name()
                        + (s.where() != null && !s.where().equals(off.where()) ? " (" + s.where() + ")" : ""));
            }
        }
    }

    private static String other(Setting<?> given, String flag, String key) {
        return given.fromFlag() ? flag : key;
    }

    private static Limits limits(Given g) {
        Limits d = Limits.DEFAULTS;
        return new Limits(positive(g.readTimeout, d.readTimeout()), positive(g.writeTimeout, d.writeTimeout()),
                positive(g.idleTimeout, d.idleTimeout()), positive(g.writeQueueSize, d.writeQueueSize()),
                positive(g.maxConnections, d.maxConnections()), positive(g.maxSessions, d.maxSessions()));
    }

    private static Duration positive(Setting<Duration> s, Duration fallback) {
        if (s == null) {
            return fallback;
        }
        if (s.value().isNegative() || s.value().isZero()) {
            throw new UsageException(s.label() + ": must be longer than 0");
        }
        return s.value();
    }

    private static int positive(Setting<Integer> s, int fallback) {
        if (s == null) {
            return fallback;
        }
        if (s.value() <= 0) {
            throw new UsageException(s.label() + ": must be at least 1, got " + s.value());
        }
        return s.value();
    }

    private static Multicast multicast(Setting<String> range, Setting<Integer> rtp, Setting<Integer> rtcp) {
        int rtpPort = rtp != null ? rtp.value() : rtcp != null ? rtcp.value() - 1 : DEFAULT_MULTICAST_RTP_PORT;
        checkEvenPort(rtp != null ? rtp.label() : rtcp != null ? rtcp.label() : "--multicast-rtp-port", rtpPort);
        if (rtcp != null && rtcp.value() != rtpPort + 1) {
            throw new UsageException(rtcp.label() + ": the port must be the RTP port + 1 (" + (rtpPort + 1)
                    + "), got " + rtcp.value());
        }
        return new Multicast(Setting.valueOr(range, DEFAULT_MULTICAST_RANGE), rtpPort);
    }

    private static int port(String flag, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(flag + ": '" + value + "' is not a port number (1-65535)");
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + value + "' is not a whole number");
        }
    }

    /** A duration written as in the configuration file: 90s, 500ms, 10m, 1h. */
    public static Duration duration(String label, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException(label + ": expected a duration such as 10s, 500ms, 2m or 1h, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Duration seconds(String flag, String value) {
        try {
            long s = Long.parseLong(value);
            if (s >= 0 && s <= 86_400) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(flag + ": '" + value + "' is not a number of seconds (0-86400; 0 turns it off)");
    }

    private static void checkEvenPort(String label, int port) {
        if (port % 2 != 0 || port == 0 || port >= 65534) {
            throw new UsageException(label + ": port " + port + " must be even and leave the next port for RTCP");
        }
    }

    private static final Set<String> SWITCHES =
            Set.of("--no-udp", "--no-multicast", "--no-rtsps", "--no-demo", "--print-config");

    private static boolean takesValue(String flag) {
        return switch (flag) {
            case "--config", "--rtsp-address", "--udp-rtp-address", "--udp-rtcp-address", "--user", "--pass",
                 "--multicast-ip-range", "--multicast-rtp-port", "--multicast-rtcp-port",
                 "--rtsps-address", "--srtp-rtp-address", "--tls-cert", "--tls-key", "--summary-interval",
                 "--metrics-address", "--files", "--file-fps", "--record", "--record-segment" -> true;
            default -> false;
        };
    }

    private static void checkRtpPort(String label, InetSocketAddress rtp) {
        int port = rtp.getPort();
        if (port == 0) {
            // Clients are told both ports in the Transport header, so they must be known and adjacent.
            throw new UsageException(label + ": port 0 cannot be used for UDP; give an even port such as 8000");
        }
        if (port % 2 != 0) {
            throw new UsageException(label + ": port " + port + " is odd; RTP needs an even port (RTCP takes the next one)");
        }
        if (port == 65534) {
            throw new UsageException(label + ": port 65534 leaves no port for RTCP");
        }
    }

    private static Credentials credentials(Setting<String> user, Setting<String> pass) {
        if (user == null && pass == null) {
            return null;
        }
        if (user == null) {
            throw new UsageException(pass.label() + " needs " + other(pass, "--user", "credentials.user")
                    + " (give both or neither)");
        }
        if (pass == null) {
            throw new UsageException(user.label() + " needs " + other(user, "--pass", "credentials.pass")
                    + " (give both or neither)");
        }
        if (user.value().isEmpty()) {
            throw new UsageException(user.label() + " must not be empty");
        }
        return new Credentials(user.value(), pass.value());
    }
}
