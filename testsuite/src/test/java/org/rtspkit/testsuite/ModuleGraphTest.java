package org.rtspkit.testsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module table of {@code docs/architecture.md} against the descriptors of the real modules, as
 * the boot layer of this test holds them: what each requires (and which of those it re-exports) and
 * what it exports, to whom.
 */
class ModuleGraphTest {
    private static final Path DOC = Path.of("..", "docs", "architecture.md");
    private static final Pattern NAME = Pattern.compile("`([\\w.]+)`( \\(transitive\\))?");

    /** One row of the table. */
    private record Row(String module, Set<String> requires, Set<String> transitive, Set<String> exports) {
    }

    @Test
    void everyModuleIsAsTheArchitectureDocumentSays() throws IOException {
        Map<String, Row> rows = table();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows.values()) {
            ModuleDescriptor d = ModuleLayer.boot().findModule(row.module()).map(Module::getDescriptor).orElse(null);
            if (d == null) {
                wrong.add(row.module() + " is in the table but not on the module path");
                continue;
            }
            Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name)
                    .filter(n -> !n.equals("java.base")).collect(Collectors.toCollection(TreeSet::new));
            Set<String> transitive = d.requires().stream()
                    .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                    .map(ModuleDescriptor.Requires::name).collect(Collectors.toCollection(TreeSet::new));
            Set<String> exports = d.exports().stream().map(ModuleGraphTest::describe)
                    .collect(Collectors.toCollection(TreeSet::new));
            compare(wrong, row.module() + " requires", row.requires(), requires);
            compare(wrong, row.module() + " requires transitive", row.transitive(), transitive);
            compare(wrong, row.module() + " exports", row.exports(), exports);
        }
        List<String> missing = ModuleLayer.boot().modules().stream().map(Module::getName)
                .filter(n -> n.startsWith("org.rtspkit.") && !rows.containsKey(n)).sorted().toList();
        if (!missing.isEmpty()) {
            wrong.add("modules missing from the table: " + missing);
        }
        assertEquals(List.of(), wrong, "docs/architecture.md and the module descriptors disagree");
    }

    @Test
    void theSpiOwnsEveryServiceLookup() {
        Set<String> services = Set.of("org.rtspkit.spi.TransportProvider", "org.rtspkit.spi.SrtpProvider",
                "org.rtspkit.spi.MulticastProvider");
        assertEquals(services, descriptor("org.rtspkit.spi").uses());
        for (Module m : ModuleLayer.boot().modules()) {
            if (m.getName().startsWith("org.rtspkit.") && !m.getName().equals("org.rtspkit.spi")) {
                assertEquals(Set.of(), m.getDescriptor().uses(), m.getName() + " uses");
            }
        }
    }

    @Test
    void eachPluginProvidesItsServiceAndExportsNothing() {
        Map<String, String> plugins = Map.of(
                "org.rtspkit.transport.udp", "org.rtspkit.spi.TransportProvider",
                "org.rtspkit.transport.tcp", "org.rtspkit.spi.TransportProvider",
                "org.rtspkit.multicast", "org.rtspkit.spi.MulticastProvider",
                "org.rtspkit.srtp", "org.rtspkit.spi.SrtpProvider");
        plugins.forEach((name, service) -> {
            ModuleDescriptor d = descriptor(name);
            assertEquals(Set.of(service), d.provides().stream().map(ModuleDescriptor.Provides::service)
                    .collect(Collectors.toSet()), name + " provides");
            assertEquals(Set.of(), d.exports(), name + " exports");
            assertTrue(d.opens().isEmpty(), name + " opens " + d.opens());
        });
    }

    @Test
    void noRtspkitModuleIsAutomaticOrOpen() {
        for (Module m : ModuleLayer.boot().modules()) {
            if (m.getName().startsWith("org.rtspkit.")) {
                assertFalse(m.getDescriptor().isAutomatic(), m.getName() + " is automatic");
                assertFalse(m.getDescriptor().isOpen(), m.getName() + " is open");
            }
        }
    }

    @Test
    void micrometerIsReadAsTheAutomaticModuleItsManifestNames() throws ClassNotFoundException {
        // micrometer-core ships no module-info: the binding requires the name its manifest gives
        // (Automatic-Module-Name: micrometer.core). Its own dependency micrometer-commons is required by no
        // descriptor, so surefire leaves it on the class path; an automatic module reads the unnamed module,
        // and on a plain module path it would be an automatic module resolved with micrometer.core.
        Module core = ModuleLayer.boot().findModule("micrometer.core").orElseThrow();
        assertTrue(core.getDescriptor().isAutomatic(), "micrometer.core is automatic");
        Module binding = ModuleLayer.boot().findModule("org.rtspkit.micrometer").orElseThrow();
        assertTrue(binding.canRead(core), "the binding reads micrometer.core");
        Module commons = Class.forName("io.micrometer.common.KeyValue", false, core.getClassLoader()).getModule();
        assertTrue(core.canRead(commons), "micrometer.core reads micrometer-commons, in " + commons);
        assertEquals(Set.of("org.rtspkit.micrometer"), binding.getDescriptor().exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    private static void compare(List<String> wrong, String what, Set<String> documented, Set<String> actual) {
        if (!documented.equals(actual)) {
            wrong.add(what + ": the document says " + documented + ", the descriptor " + actual);
        }
    }

    private static String describe(ModuleDescriptor.Exports e) {
        return e.isQualified() ? e.source() + " to " + String.join(", ", new TreeSet<>(e.targets())) : e.source();
    }

    private static ModuleDescriptor descriptor(String name) {
        return ModuleLayer.boot().findModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not in the boot layer"))
                .getDescriptor();
    }

    /** The rows of the first table whose second column names a module. */
    private static Map<String, Row> table() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|", -1);
            if (cells.length < 6 || !cells[2].strip().matches("`org\\.rtspkit\\.[\\w.]+`")) {
                continue;
            }
            String module = cells[2].strip().replace("`", "");
            Set<String> requires = new TreeSet<>();
            Set<String> transitive = new TreeSet<>();
            Matcher m = NAME.matcher(cells[3]);
            while (m.find()) {
                requires.add(m.group(1));
                if (m.group(2) != null) {
                    transitive.add(m.group(1));
                }
            }
            Set<String> exports = new TreeSet<>();
            for (String entry : cells[4].split(";")) {
                String[] parts = entry.split(" to ", 2);
                String source = parts[0].strip().replace("`", "");
                if (source.isEmpty() || source.equals("—")) {
                    continue;
                }
                exports.add(parts.length == 1 ? source : source + " to " + new TreeSet<>(List.of(
                        parts[1].replace("`", "").strip().split("\\s*,\\s*"))).stream().collect(Collectors.joining(", ")));
            }
            rows.put(module, new Row(module, requires, transitive, exports));
        }
        assertFalse(rows.isEmpty(), "no module table found in " + DOC.toAbsolutePath());
        return rows;
    }
}
