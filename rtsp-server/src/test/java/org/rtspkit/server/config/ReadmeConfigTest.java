package org.rtspkit.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.server.options.PathSource;
import org.rtspkit.server.options.ServerOptions;

/**
 * Every YAML example of README.md reads and checks as a configuration file, and the README's complete
 * sample is the release archive's {@code conf/rtspkit.yml}, word for word, and means the defaults.
 */
class ReadmeConfigTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SAMPLE = Path.of("..", "rtsp-server-dist", "src", "main", "dist", "conf", "rtspkit.yml");

    @Test
    void everyYamlExampleOfTheReadmeIsAValidConfiguration() throws IOException {
        List<String> examples = yamlBlocks(Files.readString(README));
        assertTrue(examples.size() >= 2, "README.md has " + examples.size() + " yaml examples");
        for (int i = 0; i < examples.size(); i++) {
            ServerOptions.resolve(ConfigFile.parse(examples.get(i), "README.md yaml example " + (i + 1)));
        }
    }

    @Test
    void theCompleteSampleIsTheReleaseArchivesAndSaysTheDefaults() throws IOException {
        String sample = Files.readString(SAMPLE);
        assertTrue(yamlBlocks(Files.readString(README)).contains(sample),
                "README.md must show " + SAMPLE + " word for word in a yaml block");
        ServerOptions o = ServerOptions.resolve(ConfigFile.parse(sample, SAMPLE.toString()));
        ServerOptions defaults = ServerOptions.defaults();
        assertEquals(defaults.rtspAddress(), o.rtspAddress());
        assertEquals(defaults.udpRtpAddress(), o.udpRtpAddress());
        assertEquals(defaults.udpRtcpAddress(), o.udpRtcpAddress());
        assertEquals(defaults.multicast(), o.multicast());
        assertEquals(defaults.secure(), o.secure());
        assertEquals(defaults.limits(), o.limits());
        assertEquals(defaults.summaryInterval(), o.summaryInterval());
        assertEquals(defaults.credentials(), o.credentials());
        assertEquals(PathSource.DEMO, o.paths().match("/demo").orElseThrow().source());
        assertEquals("~^.*$", o.paths().match("/anything").orElseThrow().name());
    }

    private static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = markdown.indexOf("```yaml\n", at)) >= 0) {
            int start = at + "```yaml\n".length();
            int end = markdown.indexOf("```\n", start);
            blocks.add(markdown.substring(start, end));
            at = end;
        }
        return blocks;
    }
}
