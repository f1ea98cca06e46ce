package org.rtspkit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RTSP header fields: an immutable, ordered multimap whose keys are normalised on the way in
 * ({@code cseq} becomes {@code CSeq}, {@code rtp-info} becomes {@code RTP-Info}, other keys take the
 * HTTP canonical case), so look-ups do not depend on how a client spelled a name.
 */
public final class RtspHeaders {
    private static final RtspHeaders EMPTY = new RtspHeaders(Map.of());
    private static final Map<String, String> SPECIAL_KEYS = Map.of(
            "cseq", "CSeq",
            "rtp-info", "RTP-Info",
            "www-authenticate", "WWW-Authenticate",
            "keymgmt", "KeyMgmt");

    private final Map<String, List<String>> fields;

    private RtspHeaders(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /**
     * Headers with no field.
     *
     * @return the empty headers
     */
    public static RtspHeaders empty() {
        return EMPTY;
    }

    /**
     * Builds headers from alternating names and values: {@code of("CSeq", "1", "Session", "abc")}.
     *
     * @param namesAndValues a name, its value, the next name, its value...
     * @return the headers
     * @throws IllegalArgumentException when a name has no value
     */
    public static RtspHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /**
     * Starts empty headers to add fields to.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The normalised spelling of a header name.
     *
     * @param name a header name in any case
     * @return the name as these headers store it
     */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String special = SPECIAL_KEYS.get(lower);
        if (special != null) {
            return special;
        }
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return sb.toString();
    }

    /**
     * The first value of a header, if present.
     *
     * @param name the header name, in any case
     * @return its first value, or empty
     */
    public Optional<String> first(String name) {
        List<String> values = fields.get(normalize(name));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Every value of a header, in the order received; empty if absent.
     *
     * @param name the header name, in any case
     * @return its values
     */
    public List<String> all(String name) {
        return fields.getOrDefault(normalize(name), List.of());
    }

    /**
     * Whether a header is present.
     *
     * @param name the header name, in any case
     * @return true when it has at least one value
     */
    public boolean contains(String name) {
        return fields.containsKey(normalize(name));
    }

    /**
     * Names and values, in insertion order.
     *
     * @return an unmodifiable view, keys normalised
     */
    public Map<String, List<String>> asMap() {
        return fields;
    }

    /**
     * The number of distinct header names.
     *
     * @return the number of names
     */
    public int size() {
        return fields.size();
    }

    /**
     * A copy with {@code name} set to the single value {@code value}, replacing earlier values.
     *
     * @param name the header name, in any case
     * @param value its only value
     * @return new headers
     */
    public RtspHeaders with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    /**
     * A copy without {@code name}.
     *
     * @param name the header name, in any case
     * @return new headers
     */
    public RtspHeaders without(String name) {
        Builder b = toBuilder();
        b.fields.remove(normalize(name));
        return b.build();
    }

    /**
     * A builder that starts with these fields.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        fields.forEach((k, v) -> b.fields.put(k, new ArrayList<>(v)));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspHeaders h && h.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Appends a value, keeping earlier values of the same header.
         *
         * @param name the header name, in any case
         * @param value the value to append
         * @return this builder
         */
        public Builder add(String name, String value) {
            fields.computeIfAbsent(normalize(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /**
         * Sets a header to exactly one value.
         *
         * @param name the header name, in any case
         * @param value its only value
         * @return this builder
         */
        public Builder set(String name, String value) {
            List<String> one = new ArrayList<>(1);
            one.add(value);
            fields.put(normalize(name), one);
            return this;
        }

        /**
         * Removes every value of a header.
         *
         * @param name the header name, in any case
         * @return this builder
         */
        public Builder remove(String name) {
            fields.remove(normalize(name));
            return this;
        }

        /**
         * The headers collected so far; the builder may go on.
         *
         * @return immutable headers
         */
        public RtspHeaders build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new RtspHeaders(Collections.unmodifiableMap(copy));
        }
    }
}
