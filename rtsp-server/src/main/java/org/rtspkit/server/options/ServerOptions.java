package org.rtspkit.server.options;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The command line of the ready-to-use server.
 *
 * @param rtspAddress    where the RTSP listener binds
 * @param udpRtpAddress  the shared UDP RTP socket; null when UDP is off
 * @param udpRtcpAddress the shared UDP RTCP socket (the RTP port + 1); null when UDP is off
 * @param credentials    what every publisher and reader must present; null for an open server
 * @param help           whether {@code --help} was given: print {@link #USAGE} and do nothing else
 * @param multicast      the multicast settings; null when turned off with {@code --no-multicast}
 * @param secure         the RTSPS listener's settings; null when turned off with {@code --no-rtsps}
 * @param summaryInterval how often the one-line summary is logged; {@link Duration#ZERO} for never
 * @param metricsAddress where {@code /metrics} is served over HTTP; null for nowhere
 * @param demo           whether {@code /demo} plays the generated test stream; false with {@code --no-demo}
 * @param given          the flags on the command line, to tell a default from a choice
 */
public record ServerOptions(InetSocketAddress rtspAddress, InetSocketAddress udpRtpAddress,
                     InetSocketAddress udpRtcpAddress, Credentials credentials, boolean help,
                     Multicast multicast, Secure secure, Duration summaryInterval,
                     InetSocketAddress metricsAddress, boolean demo, Set<String> given) {

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

    private static final List<String> UDP_FLAGS = List.of("--udp-rtp-address", "--udp-rtcp-address");
    private static final List<String> MULTICAST_FLAGS =
            List.of("--multicast-ip-range", "--multicast-rtp-port", "--multicast-rtcp-port");
    private static final List<String> RTSPS_FLAGS =
            List.of("--rtsps-address", "--tls-cert", "--tls-key", "--srtp-rtp-address");

    public static final String USAGE = """
            Usage: rtspkit-server [flags]

            Serves RTSP on one port: any client may publish to any path with ANNOUNCE and RECORD,
            and any number of clients play that path back with DESCRIBE, SETUP and PLAY, over TCP
            (interleaved) or UDP.

            Flags:
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
              --no-demo                no demo stream (by default /demo plays a moving test picture
                                       with a clock and a 440 Hz tone, made by the server)
              --help                   print this help and exit

            ADDR is host:port, :port (every IPv4 interface) or [ipv6]:port, e.g. 127.0.0.1:8554.
            Every flag with a value also takes the form --flag=value. UDP, multicast and RTSPS are on
            by default when their modules are present; without them, their defaults are dropped
            (and logged) and their flags are refused.

            Publish:  ffmpeg -re -i input.mp4 -c copy -f rtsp rtsp://127.0.0.1:8554/mystream
            Read:     ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/mystream
            Demo:     ffplay rtsp://127.0.0.1:8554/demo
            """;

    public ServerOptions {
        if ((udpRtpAddress == null) != (udpRtcpAddress == null)) {
            throw new IllegalArgumentException("both UDP addresses or neither");
        }
        given = given == null ? Set.of() : Set.copyOf(given);
        summaryInterval = summaryInterval == null ? Duration.ZERO : summaryInterval;
    }

    /** Options for a server in a test or an application: the given addresses, the defaults otherwise, nothing logged. */
    public static ServerOptions of(InetSocketAddress rtspAddress, InetSocketAddress udpRtpAddress,
                            InetSocketAddress udpRtcpAddress, Credentials credentials) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, false, null, null,
                Duration.ZERO, null, false, Set.of());
    }

    public ServerOptions withMetricsAddress(InetSocketAddress address) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, address, demo, given);
    }

    public ServerOptions withDemo(boolean on) {
        return new ServerOptions(rtspAddress, udpRtpAddress, udpRtcpAddress, credentials, help, multicast, secure,
                summaryInterval, metricsAddress, on, given);
    }

    /**
     * These options with what needs a module that is absent taken out: a default that needs it is
     * dropped, and {@code info} told why; a flag given for it is a usage error, since the user asked
     * for something this server cannot do.
     *
     * @throws UsageException naming the flag and the module it needs
     */
    public ServerOptions fitTo(Plugins plugins, Consumer<String> info) {
        // Refusals first, so that a refused command line logs nothing.
        if (!plugins.srtp() && secure != null) {
            refuseGiven(RTSPS_FLAGS, "RTSPS", Plugins.SRTP_MODULE, plugins);
        }
        if (!plugins.udp()) {
            refuseGiven(UDP_FLAGS, "UDP", Plugins.UDP_MODULE, plugins);
            if (secure != null) {
                refuseGiven(List.of("--srtp-rtp-address"), "SRTP over UDP", Plugins.UDP_MODULE, plugins);
            }
        }
        if (!plugins.multicast() && multicast != null) {
            refuseGiven(MULTICAST_FLAGS, "multicast", Plugins.MULTICAST_MODULE, plugins);
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
                demo, given);
    }

    private void refuseGiven(List<String> flags, String feature, String module, Plugins plugins) {
        for (String flag : flags) {
            if (given.contains(flag)) {
                throw new UsageException(flag + ": " + feature + " needs " + module + ", which is not on the module path"
                        + " (transports found: " + plugins.transports() + "); add it or leave the flag out");
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
     * Parses the arguments of {@code main}.
     *
     * @throws UsageException naming the flag and what was wrong with it
     */
    public static ServerOptions parse(String... args) {
        for (String arg : args) {
            // --help wins over anything else on the line, even over mistakes.
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ServerOptions(null, null, null, null, true, null, null, null, null, false, Set.of());
            }
        }
        InetSocketAddress rtsp = null;
        InetSocketAddress rtp = null;
        InetSocketAddress rtcp = null;
        String user = null;
        String pass = null;
        boolean noUdp = false;
        boolean noMulticast = false;
        boolean noRtsps = false;
        boolean noDemo = false;
        String range = null;
        Integer mcRtp = null;
        Integer mcRtcp = null;
        InetSocketAddress rtsps = null;
        InetSocketAddress srtp = null;
        Path cert = null;
        Path key = null;
        Duration summary = DEFAULT_SUMMARY_INTERVAL;
        InetSocketAddress metrics = null;
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
            if (flag.equals("--no-udp") || flag.equals("--no-multicast") || flag.equals("--no-rtsps")
                    || flag.equals("--no-demo")) {
                if (equals >= 0) {
                    throw new UsageException(flag + " takes no value");
                }
                noUdp |= flag.equals("--no-udp");
                noMulticast |= flag.equals("--no-multicast");
                noRtsps |= flag.equals("--no-rtsps");
                noDemo |= flag.equals("--no-demo");
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
                case "--rtsp-address" -> rtsp = AddressFlags.parse(flag, value);
                case "--udp-rtp-address" -> rtp = AddressFlags.parse(flag, value);
                case "--udp-rtcp-address" -> rtcp = AddressFlags.parse(flag, value);
                case "--user" -> user = value;
                case "--pass" -> pass = value;
                case "--multicast-ip-range" -> range = value;
                case "--multicast-rtp-port" -> mcRtp = port(flag, value);
                case "--multicast-rtcp-port" -> mcRtcp = port(flag, value);
                case "--rtsps-address" -> rtsps = AddressFlags.parse(flag, value);
                case "--srtp-rtp-address" -> srtp = AddressFlags.parse(flag, value);
                case "--tls-cert" -> cert = Path.of(value);
                case "--tls-key" -> key = Path.of(value);
                case "--summary-interval" -> summary = seconds(flag, value);
                case "--metrics-address" -> metrics = AddressFlags.parse(flag, value);
                default -> throw new AssertionError(flag);
            }
        }

        if (rtsp == null) {
            rtsp = new InetSocketAddress(DEFAULT_RTSP_PORT);
        }
        Credentials credentials = credentials(user, pass);
        Multicast multicast = noMulticast ? null : multicast(range, mcRtp, mcRtcp);
        if ((cert == null) != (key == null)) {
            throw new UsageException(cert == null ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key");
        }
        Secure secure = null;
        if (!noRtsps) {
            InetSocketAddress srtpRtp = noUdp ? null
                    : srtp != null ? srtp : new InetSocketAddress(DEFAULT_SRTP_RTP_PORT);
            if (srtpRtp != null) {
                checkEvenPort("--srtp-rtp-address", srtpRtp.getPort());
            }
            secure = new Secure(rtsps != null ? rtsps : new InetSocketAddress(DEFAULT_RTSPS_PORT), srtpRtp, cert, key,
                    DEFAULT_SECURE_MULTICAST_RTP_PORT);
        } else if (rtsps != null || srtp != null || cert != null) {
            throw new UsageException("--no-rtsps cannot be combined with RTSPS settings");
        }
        if (noUdp) {
            if (rtp != null || rtcp != null) {
                throw new UsageException("--no-udp cannot be combined with "
                        + (rtp != null ? "--udp-rtp-address" : "--udp-rtcp-address"));
            }
            return new ServerOptions(rtsp, null, null, credentials, false, multicast, secure, summary, metrics, !noDemo,
                    seen);
        }
        if (rtp == null) {
            rtp = new InetSocketAddress(DEFAULT_UDP_RTP_PORT);
        }
        checkRtpPort(rtp);
        if (rtcp == null) {
            rtcp = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        } else if (rtcp.getPort() != rtp.getPort() + 1) {
            throw new UsageException("--udp-rtcp-address: the port must be the RTP port + 1 (" + (rtp.getPort() + 1)
                    + "), got " + rtcp.getPort());
        }
        return new ServerOptions(rtsp, rtp, rtcp, credentials, false, multicast, secure, summary, metrics, !noDemo, seen);
    }

    private static Multicast multicast(String range, Integer rtp, Integer rtcp) {
        int rtpPort = rtp != null ? rtp : rtcp != null ? rtcp - 1 : DEFAULT_MULTICAST_RTP_PORT;
        checkEvenPort("--multicast-rtp-port", rtpPort);
        if (rtcp != null && rtcp != rtpPort + 1) {
            throw new UsageException("--multicast-rtcp-port: the port must be the RTP port + 1 (" + (rtpPort + 1)
                    + "), got " + rtcp);
        }
        return new Multicast(range != null ? range : DEFAULT_MULTICAST_RANGE, rtpPort);
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

    private static void checkEvenPort(String flag, int port) {
        if (port % 2 != 0 || port == 0 || port >= 65534) {
            throw new UsageException(flag + ": port " + port + " must be even and leave the next port for RTCP");
        }
    }

    private static boolean takesValue(String flag) {
        return switch (flag) {
            case "--rtsp-address", "--udp-rtp-address", "--udp-rtcp-address", "--user", "--pass",
                 "--multicast-ip-range", "--multicast-rtp-port", "--multicast-rtcp-port",
                 "--rtsps-address", "--srtp-rtp-address", "--tls-cert", "--tls-key", "--summary-interval",
                 "--metrics-address" -> true;
            default -> false;
        };
    }

    private static void checkRtpPort(InetSocketAddress rtp) {
        int port = rtp.getPort();
        if (port == 0) {
            // Clients are told both ports in the Transport header, so they must be known and adjacent.
            throw new UsageException("--udp-rtp-address: port 0 cannot be used for UDP; give an even port such as 8000");
        }
        if (port % 2 != 0) {
            throw new UsageException("--udp-rtp-address: port " + port
                    + " is odd; RTP needs an even port (RTCP takes the next one)");
        }
        if (port == 65534) {
            throw new UsageException("--udp-rtp-address: port 65534 leaves no port for RTCP");
        }
    }

    private static Credentials credentials(String user, String pass) {
        if (user == null && pass == null) {
            return null;
        }
        if (user == null) {
            throw new UsageException("--pass needs --user (give both or neither)");
        }
        if (pass == null) {
            throw new UsageException("--user needs --pass (give both or neither)");
        }
        if (user.isEmpty()) {
            throw new UsageException("--user must not be empty");
        }
        return new Credentials(user, pass);
    }
}
