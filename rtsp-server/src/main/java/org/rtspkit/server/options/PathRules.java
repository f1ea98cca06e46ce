package org.rtspkit.server.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration's {@code paths:} in file order. A request path takes the entry that names it
 * exactly, else the first pattern that matches it; a path no entry covers is refused (404).
 */
public record PathRules(List<PathRule> rules) {
    /** What a server without a {@code paths:} section serves: the demo at {@code /demo}, any other path published. */
    public static final PathRules DEFAULT = new PathRules(List.of(PathRule.DEMO, PathRule.ANY));

    public PathRules {
        rules = List.copyOf(rules);
    }

    /** The entry that covers a request path ({@code /cam}). */
    public Optional<PathRule> match(String path) {
        for (PathRule rule : rules) {
            if (!rule.isPattern() && rule.matches(path)) {
                return Optional.of(rule);
            }
        }
        return rules.stream().filter(PathRule::isPattern).filter(r -> r.matches(path)).findFirst();
    }

    /** The path that plays the demo stream ({@code /demo}), if an entry has {@code source: demo}. */
    public Optional<String> demoPath() {
        return rules.stream().filter(r -> r.source() == PathSource.DEMO).map(PathRule::path).findFirst();
    }

    /** These rules without the demo's entry ({@code --no-demo}). */
    public PathRules withoutDemo() {
        return new PathRules(rules.stream().filter(r -> r.source() != PathSource.DEMO).toList());
    }

    /** These rules with the demo at {@code /demo} in front, unless an entry already plays it. */
    public PathRules withDemo() {
        if (demoPath().isPresent()) {
            return this;
        }
        List<PathRule> with = new ArrayList<>();
        with.add(PathRule.DEMO);
        with.addAll(rules.stream().filter(r -> !PathRule.DEMO.name().equals(r.name())).toList());
        return new PathRules(with);
    }

    /** The entry of the given name, as written. */
    public Optional<PathRule> named(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The same rules with nothing about where they were written. */
    public PathRules withoutPlaces() {
        return new PathRules(rules.stream().map(PathRule::withoutPlace).toList());
    }
}
