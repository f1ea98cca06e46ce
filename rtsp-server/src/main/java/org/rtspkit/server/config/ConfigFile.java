package org.rtspkit.server.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.Given;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathRules;
import org.rtspkit.server.options.PathSource;
import org.rtspkit.server.options.Setting;
import org.rtspkit.server.options.UsageException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the server's YAML configuration file ({@code --config}) into the same {@link Given} settings
 * the command line fills, every value labelled with its line and column. SnakeYAML Engine composes the
 * file into nodes that keep their positions; the schema is checked here, key by key, so that an
 * unknown key, a value of the wrong type or an impossible combination is refused with
 * {@code FILE:LINE:COLUMN: key: what is wrong}. README.md, "Configuration file", documents the schema.
 */
public final class ConfigFile {
    /** The most a configuration file may hold: far more than any real one, little enough to read at once. */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    /** Sections of the file, in the order the README and {@code --print-config} show them. */
    static final List<String> SECTIONS =
            List.of("rtsp", "udp", "multicast", "rtsps", "credentials", "limits", "metrics", "files", "record",
                    "paths");

    /**
     * Keys kept for features that are planned but not in this server yet, with what they will do: a file
     * that uses one is refused with that, rather than with "unknown key".
     */
    static final Map<String, String> RESERVED = Map.of(
            "origin", "pulling paths on demand from an origin server",
            "users", "users with hashed passwords and per-path permissions",
            "authHttp", "asking an external service about each request");
    static final Map<String, String> RESERVED_PATH_KEYS = Map.of(
            "alwaysOn", "keeping a pulled source connected without readers",
            "forward", "publishing a path onward to another server",
            "permissions", "per-user publish and read permissions",
            "ips", "address ranges allowed per path");

    private final String fileName;

    private ConfigFile(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Reads and checks a configuration file.
     *
     * @throws UsageException naming the file position and key of the first mistake
     * @throws IOException    when the file cannot be read
     */
    public static Given read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_BYTES) {
            throw new UsageException(file + ": " + bytes.length + " bytes; a configuration file may hold at most "
                    + MAX_BYTES);
        }
        Given given = parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
        given.configFile = file;
        return given;
    }

    /**
     * Checks configuration text; {@code fileName} starts every message.
     *
     * @throws UsageException naming the position and key of the first mistake
     */
    public static Given parse(String text, String fileName) {
        return new ConfigFile(fileName).parse(text);
    }

    private Given parse(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false).setMaxAliasesForCollections(50).setCodePointLimit(MAX_BYTES).build();
        Optional<Node> root;
        try {
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().or(e::getContextMark).map(this::where).orElse(fileName);
            throw new UsageException(where + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new UsageException(fileName + ": not valid YAML: " + e.getMessage());
        }
        Given g = new Given();
        if (root.isEmpty() || isNull(root.get())) {
            return g; // an empty file: every default
        }
        Map<String, Node> top = mapping(root.get(), "the file", SECTIONS, RESERVED);
        section(top, "rtsp", List.of("address"), (k, n) -> g.rtspAddress = address(k, n));
        section(top, "udp", List.of("enabled", "rtpAddress", "rtcpAddress"), (k, n) -> {
            switch (leaf(k)) {
                case "enabled" -> g.udpEnabled = bool(k, n);
                case "rtpAddress" -> g.udpRtpAddress = address(k, n);
                default -> g.udpRtcpAddress = address(k, n);
            }
        });
        section(top, "multicast", List.of("enabled", "ipRange", "rtpPort", "rtcpPort"), (k, n) -> {
            switch (leaf(k)) {
                case "enabled" -> g.multicastEnabled = bool(k, n);
                case "ipRange" -> g.multicastIpRange = string(k, n);
                case "rtpPort" -> g.multicastRtpPort = port(k, n);
                default -> g.multicastRtcpPort = port(k, n);
            }
        });
        section(top, "rtsps", List.of("enabled", "address", "srtpRtpAddress", "multicastRtpPort", "tlsCert", "tlsKey"),
                (k, n) -> {
                    switch (leaf(k)) {
                        case "enabled" -> g.rtspsEnabled = bool(k, n);
                        case "address" -> g.rtspsAddress = address(k, n);
                        case "srtpRtpAddress" -> g.srtpRtpAddress = address(k, n);
                        case "multicastRtpPort" -> g.rtspsMulticastRtpPort = port(k, n);
                        case "tlsCert" -> g.tlsCert = file(k, n);
                        default -> g.tlsKey = file(k, n);
                    }
                });
        section(top, "credentials", List.of("user", "pass"), (k, n) -> {
            if (leaf(k).equals("user")) {
                g.user = string(k, n);
            } else {
                g.pass = string(k, n);
            }
        });
        section(top, "limits", List.of("readTimeout", "writeTimeout", "idleTimeout", "writeQueueSize",
                "maxConnections", "maxSessions"), (k, n) -> {
                    switch (leaf(k)) {
                        case "readTimeout" -> g.readTimeout = duration(k, n);
                        case "writeTimeout" -> g.writeTimeout = duration(k, n);
                        case "idleTimeout" -> g.idleTimeout = duration(k, n);
                        case "writeQueueSize" -> g.writeQueueSize = integer(k, n);
                        case "maxConnections" -> g.maxConnections = integer(k, n);
                        default -> g.maxSessions = integer(k, n);
                    }
                });
        section(top, "metrics", List.of("address", "controlApi", "summaryInterval"), (k, n) -> {
            switch (leaf(k)) {
                case "address" -> g.metricsAddress = address(k, n);
                case "controlApi" -> g.controlApi = bool(k, n);
                default -> g.summaryInterval = duration(k, n);
            }
        });
        section(top, "files", List.of("dir", "fps", "maxFileSize", "maxPlaying"), (k, n) -> {
            switch (leaf(k)) {
                case "dir" -> g.filesDir = file(k, n);
                case "fps" -> g.fileFps = integer(k, n);
                case "maxFileSize" -> g.filesMaxFileSize = integer(k, n);
                default -> g.filesMaxPlaying = integer(k, n);
            }
        });
        section(top, "record", List.of("dir", "segment", "queueSize"), (k, n) -> {
            switch (leaf(k)) {
                case "dir" -> g.recordDir = file(k, n);
                case "segment" -> g.recordSegment = duration(k, n);
                default -> g.recordQueueSize = integer(k, n);
            }
        });
        Node paths = top.get("paths");
        if (paths != null) {
            g.paths = paths(paths);
        }
        return g;
    }

    // ---- the paths: section

    private PathRules paths(Node node) {
        if (isNull(node)) {
            return new PathRules(List.of());
        }
        if (!(node instanceof MappingNode map)) {
            throw wrongType(node, "paths", "a mapping of path names to their settings");
        }
        List<PathRule> rules = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        String demoAt = null;
        for (NodeTuple t : map.getValue()) {
            String raw = keyName(t.getKeyNode(), "paths");
            String key = "paths." + raw;
            String name = raw.startsWith("/") ? raw.substring(1) : raw;
            String where = where(t.getKeyNode());
            checkPathName(name, key, where);
            String earlier = seen.put(name, where);
            if (earlier != null) {
                throw new UsageException(where + ": " + key + ": the path is already configured at " + earlier);
            }
            PathRule rule = pathRule(name, key, where, t.getValueNode());
            if (rule.source() == PathSource.DEMO) {
                if (demoAt != null) {
                    throw new UsageException(where + ": " + key + ".source: demo: only one path can play the demo"
                            + " stream; " + demoAt + " already does");
                }
                demoAt = where;
            }
            rules.add(rule);
        }
        return new PathRules(rules);
    }

    private PathRule pathRule(String name, String key, String where, Node node) {
        PathSource source = PathSource.PUBLISHER;
        Credentials read = null;
        Credentials publish = null;
        Boolean record = null;
        if (!isNull(node)) {
            Map<String, Node> entry = mapping(node, key, List.of("source", "read", "publish", "record"),
                    RESERVED_PATH_KEYS);
            if (entry.containsKey("record")) {
                record = bool(key + ".record", entry.get("record")).value();
            }
            Node sourceNode = entry.get("source");
            if (sourceNode != null) {
                source = source(key + ".source", sourceNode);
                if (source == PathSource.DEMO && name.startsWith("~")) {
                    throw new UsageException(where(sourceNode) + ": " + key + ".source: demo needs an exact path"
                            + " name, not a pattern");
                }
            }
            if (entry.containsKey("read")) {
                read = credentials(key + ".read", entry.get("read"));
            }
            if (entry.containsKey("publish")) {
                if (source == PathSource.DEMO) {
                    throw new UsageException(where(entry.get("publish")) + ": " + key
                            + ".publish: the demo path takes no publisher, so it has no publish credentials");
                }
                publish = credentials(key + ".publish", entry.get("publish"));
            }
        }
        return new PathRule(name, source, read, publish, where, record);
    }

    private void checkPathName(String name, String key, String where) {
        if (name.startsWith("~")) {
            try {
                Pattern.compile(name.substring(1));
            } catch (PatternSyntaxException e) {
                throw new UsageException(where + ": " + key + ": not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
            return;
        }
        if (name.isEmpty() || name.endsWith("/") || name.contains("//")) {
            throw new UsageException(where + ": " + key + ": not a path name (write cam or live/cam, or ~REGEX"
                    + " for a pattern)");
        }
        for (char c : name.toCharArray()) {
            if (c <= ' ' || c == '?' || c == '#' || c == '%' || c == '\\' || c == 0x7f) {
                throw new UsageException(where + ": " + key + ": a path name cannot hold '" + (c <= ' ' ? "a space or"
                        + " control character" : String.valueOf(c)) + "'");
            }
        }
    }

    private PathSource source(String key, Node node) {
        String text = scalarText(key, node, "publisher or demo");
        for (PathSource s : PathSource.values()) {
            if (s.yamlName().equals(text)) {
                return s;
            }
        }
        if (text.startsWith("rtsp://") || text.startsWith("rtsps://")) {
            throw new UsageException(where(node) + ": " + key + ": pulling a path from a URL is not supported by this"
                    + " server yet (publisher or demo)");
        }
        throw new UsageException(where(node) + ": " + key + ": unknown source '" + text + "' (publisher or demo)");
    }

    private Credentials credentials(String key, Node node) {
        Map<String, Node> pair = mapping(node, key, List.of("user", "pass"), Map.of());
        Node user = pair.get("user");
        Node pass = pair.get("pass");
        if (user == null || pass == null) {
            throw new UsageException(where(node) + ": " + key + ": needs both user and pass");
        }
        String name = scalarText(key + ".user", user, "a user name");
        if (name.isEmpty()) {
            throw new UsageException(where(user) + ": " + key + ".user must not be empty");
        }
        return new Credentials(name, scalarText(key + ".pass", pass, "a password"));
    }

    // ---- structure

    /**
     * A section ({@code udp:}), each of its keys handed to {@code set} with its full name
     * ({@code udp.rtpAddress}). An empty section is no section.
     */
    private void section(Map<String, Node> top, String name, List<String> keys, BiConsumer<String, Node> set) {
        Node node = top.get(name);
        if (node == null || isNull(node)) {
            return;
        }
        mapping(node, name, keys, Map.of()).forEach((key, value) -> {
            if (!isNull(value)) {
                set.accept(name + "." + key, value);
            }
        });
    }

    /** The keys of a mapping node, every one of them known, none twice, in file order. */
    private Map<String, Node> mapping(Node node, String what, List<String> known, Map<String, String> reserved) {
        if (!(node instanceof MappingNode map)) {
            throw wrongType(node, what, "a mapping (key: value lines)");
        }
        Map<String, Node> keys = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = keyName(t.getKeyNode(), what);
            String where = where(t.getKeyNode());
            String earlier = seen.put(key, where);
            if (earlier != null) {
                throw new UsageException(where + ": " + qualified(what, key) + " is set twice (first at " + earlier + ")");
            }
            if (!known.contains(key)) {
                String planned = reserved.get(key);
                if (planned != null) {
                    throw new UsageException(where + ": " + qualified(what, key) + " is kept for " + planned
                            + ", which this server does not do yet");
                }
                throw new UsageException(where + ": unknown key '" + key + "' in " + what + " (known: "
                        + String.join(", ", known) + ")");
            }
            keys.put(key, t.getValueNode());
        }
        return keys;
    }

    private String keyName(Node key, String what) {
        if (!(key instanceof ScalarNode scalar) || isNull(key)) {
            throw new UsageException(where(key) + ": a key in " + what + " must be a plain name");
        }
        return scalar.getValue();
    }

    private static String qualified(String what, String key) {
        return what.equals("the file") ? key : what + "." + key;
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    // ---- values

    private Setting<InetSocketAddress> address(String key, Node node) {
        String text = scalarText(key, node, "an address such as :8554 or 127.0.0.1:8554");
        String label = where(node) + ": " + key;
        return Setting.file(AddressFlags.parse(label, text), key, where(node));
    }

    private Setting<Boolean> bool(String key, Node node) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
            throw wrongType(node, key, "true or false");
        }
        boolean value = Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
        return Setting.file(value, value ? key : key + ": false", where(node));
    }

    private Setting<Integer> port(String key, Node node) {
        Setting<Integer> n = integer(key, node);
        if (n.value() < 1 || n.value() > 65535) {
            throw new UsageException(n.label() + ": " + n.value() + " is not a port number (1-65535)");
        }
        return n;
    }

    private Setting<Integer> integer(String key, Node node) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            throw wrongType(node, key, "a whole number");
        }
        try {
            return Setting.file(Integer.decode(scalar.getValue().replace("_", "")), key, where(node));
        } catch (NumberFormatException e) {
            throw new UsageException(where(node) + ": " + key + ": " + scalar.getValue() + " is out of range");
        }
    }

    private Setting<Duration> duration(String key, Node node) {
        String expected = "a duration such as 10s, 500ms, 2m or 1h (0 turns it off where that is allowed)";
        if (!(node instanceof ScalarNode scalar)) {
            throw wrongType(node, key, expected);
        }
        String text = scalar.getValue().trim();
        if (text.equals("0")) {
            return Setting.file(Duration.ZERO, key, where(node));
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(where(node) + ": " + key + ": expected " + expected + ", got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return Setting.file(d, key, where(node));
    }

    private Setting<String> string(String key, Node node) {
        return Setting.file(scalarText(key, node, "a text"), key, where(node));
    }

    private Setting<Path> file(String key, Node node) {
        return Setting.file(Path.of(scalarText(key, node, "a file name")), key, where(node));
    }

    /** A scalar's text as written: {@code pass: 1234} is the text 1234, not a number. */
    private String scalarText(String key, Node node, String expected) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw wrongType(node, key, expected);
        }
        return scalar.getValue();
    }

    private UsageException wrongType(Node node, String key, String expected) {
        String got;
        if (node instanceof MappingNode) {
            got = "a mapping";
        } else if (node instanceof SequenceNode) {
            got = "a list";
        } else if (isNull(node)) {
            got = "nothing";
        } else {
            got = "'" + ((ScalarNode) node).getValue() + "'";
        }
        return new UsageException(where(node) + ": " + key + ": expected " + expected + ", got " + got);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** {@code FILE:LINE:COLUMN}, counted from 1. */
    private String where(Node node) {
        return node.getStartMark().map(this::where).orElse(fileName);
    }

    private String where(Mark mark) {
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }
}
