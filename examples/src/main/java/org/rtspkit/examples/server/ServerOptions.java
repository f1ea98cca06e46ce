package org.rtspkit.examples.server;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The command line of the ready-to-use server.
 *
 * @param rtspAddress    where the RTSP listener binds
 * @param udpRtpAddress  the shared UDP RTP socket; null when UDP is off
 * @param udpRtcpAddress the shared UDP RTCP socket (the RTP port + 1); null when UDP is off
 * @param credentials    what every publisher and reader must present; null for an open server
 * @param help           whether {@code --help} was given: print {@link #USAGE} and do nothing else
 */
record ServerOptions(InetSocketAddress rtspAddress, InetSocketAddress udpRtpAddress,
                     InetSocketAddress udpRtcpAddress, Credentials credentials, boolean help) {

    static final int DEFAULT_RTSP_PORT = 8554;
    static final int DEFAULT_UDP_RTP_PORT = 8000;

    static final String USAGE = """
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
              --help                   print this help and exit

            ADDR is host:port, :port (every IPv4 interface) or [ipv6]:port, e.g. 127.0.0.1:8554.
            Every flag with a value also takes the form --flag=value.

            Publish:  ffmpeg -re -i input.mp4 -c copy -f rtsp rtsp://127.0.0.1:8554/mystream
            Read:     ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/mystream
            """;

    ServerOptions {
        if ((udpRtpAddress == null) != (udpRtcpAddress == null)) {
            throw new IllegalArgumentException("both UDP addresses or neither");
        }
    }

    boolean udpEnabled() {
        return udpRtpAddress != null;
    }

    /** The options a bare {@code rtspkit-server} runs with. */
    static ServerOptions defaults() {
        return parse();
    }

    /**
     * Parses the arguments of {@code main}.
     *
     * @throws UsageException naming the flag and what was wrong with it
     */
    static ServerOptions parse(String... args) {
        for (String arg : args) {
            // --help wins over anything else on the line, even over mistakes.
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ServerOptions(null, null, null, null, true);
            }
        }
        InetSocketAddress rtsp = null;
        InetSocketAddress rtp = null;
        InetSocketAddress rtcp = null;
        String user = null;
        String pass = null;
        boolean noUdp = false;
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
            if (flag.equals("--no-udp")) {
                if (equals >= 0) {
                    throw new UsageException("--no-udp takes no value");
                }
                noUdp = true;
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
                case "--rtsp-address" -> rtsp = HostPort.parse(flag, value);
                case "--udp-rtp-address" -> rtp = HostPort.parse(flag, value);
                case "--udp-rtcp-address" -> rtcp = HostPort.parse(flag, value);
                case "--user" -> user = value;
                case "--pass" -> pass = value;
                default -> throw new AssertionError(flag);
            }
        }

        if (rtsp == null) {
            rtsp = new InetSocketAddress(DEFAULT_RTSP_PORT);
        }
        Credentials credentials = credentials(user, pass);
        if (noUdp) {
            if (rtp != null || rtcp != null) {
                throw new UsageException("--no-udp cannot be combined with "
                        + (rtp != null ? "--udp-rtp-address" : "--udp-rtcp-address"));
            }
            return new ServerOptions(rtsp, null, null, credentials, false);
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
        return new ServerOptions(rtsp, rtp, rtcp, credentials, false);
    }

    private static boolean takesValue(String flag) {
        return switch (flag) {
            case "--rtsp-address", "--udp-rtp-address", "--udp-rtcp-address", "--user", "--pass" -> true;
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
