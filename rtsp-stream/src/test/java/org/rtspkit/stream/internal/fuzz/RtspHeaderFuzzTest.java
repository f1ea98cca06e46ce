package org.rtspkit.stream.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.protocol.rtsp.Authenticator;
import org.rtspkit.protocol.rtsp.KeyMgmt;
import org.rtspkit.protocol.rtsp.RtpInfo;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.protocol.rtsp.SessionHeader;
import org.rtspkit.protocol.rtsp.TransportHeader;
import org.rtspkit.spi.TransportSpec;

/**
 * The header values a client controls, each through the parser the server uses on it. Only
 * {@link MalformedDataException} may escape a parser; where the server also writes the header, what
 * it writes reads back as the same value.
 */
class RtspHeaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void transport(byte[] data) {
        List<TransportSpec> specs;
        try {
            specs = TransportHeader.parseList(text(data));
        } catch (MalformedDataException expected) {
            return;
        }
        assertTrue(!specs.isEmpty());
        for (TransportSpec spec : specs) {
            assertEquals(List.of(spec), TransportHeader.parseList(TransportHeader.format(spec)), "written as " + TransportHeader.format(spec));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void session(byte[] data) {
        SessionHeader header;
        try {
            header = SessionHeader.parse(text(data));
        } catch (MalformedDataException expected) {
            return;
        }
        assertTrue(!header.id().isEmpty());
        if (header.timeout() != null) {
            String written = SessionHeader.format(header.id(), header.timeout());
            assertEquals(header, SessionHeader.parse(written), "written as " + written);
        } else {
            assertEquals(header, SessionHeader.parse(header.id()));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void rtpInfo(byte[] data) {
        List<RtpInfo.Entry> entries;
        try {
            entries = RtpInfo.parse(text(data));
        } catch (MalformedDataException expected) {
            return;
        }
        if (entries.isEmpty()) {
            return;
        }
        String written = RtpInfo.format(entries);
        assertEquals(entries, RtpInfo.parse(written), "written as " + written);
    }

    @FuzzTest(maxDuration = "60s")
    void keyMgmt(byte[] data) {
        KeyMgmt header;
        try {
            header = KeyMgmt.parse(text(data));
        } catch (MalformedDataException expected) {
            return;
        }
        assertEquals(header, KeyMgmt.parse(header.format()), "written as " + header.format());
    }

    /**
     * A request URI: parsed, split into path, query and track as SETUP and the other methods do,
     * matched against a control as a publisher's SETUP is; written back, it reads as itself.
     */
    @FuzzTest(maxDuration = "60s")
    void requestUrl(byte[] data) {
        RtspUrl url;
        try {
            url = RtspUrl.parse(text(data));
        } catch (MalformedDataException expected) {
            return;
        }
        if (url == null) {
            return;
        }
        assertEquals(url, RtspUrl.parse(url.toString()), "written as " + url);
        RtspUrl.pathAndQuery(url);
        try {
            RtspUrl.pathQueryAndTrackId(url);
        } catch (MalformedDataException expected) {
            // a URL none of the SETUP shapes fits
        }
        RtspUrl.matchesControl(url, url.path(), url.rawQuery(), "trackID=0");
        RtspUrl.matchesControl(url, "/", "", url.toString());
    }

    /**
     * Any {@code Authorization} value is read without an exception and never accepted for the wrong
     * password; a correct Basic and Digest answer for a user and URI taken from the input is accepted.
     */
    @FuzzTest(maxDuration = "60s")
    void authorization(FuzzedDataProvider data) {
        String url = "rtsp://127.0.0.1:8554/" + safe(data.consumeString(40));
        String user = safe(data.consumeString(40)).replace(":", "");
        String header = data.consumeRemainingAsString();
        EnumSet<AuthMethod> all = EnumSet.allOf(AuthMethod.class);

        Authenticator auth = new Authenticator();
        RtspRequest fuzzed = new RtspRequest("DESCRIBE", url, RtspHeaders.of("CSeq", "1", "Authorization", header));
        Authenticator.hasCredentials(fuzzed);
        boolean accepted = auth.verify(fuzzed, null, "admin", "secret", all);
        if (accepted) {
            // Without the nonce only Basic can be guessed: the value must then really carry admin:secret.
            String h = header.strip();
            int space = h.indexOf(' ');
            assertTrue(space > 0 && h.substring(0, space).equalsIgnoreCase("basic"), header);
            assertEquals("admin:secret", new String(Base64.getDecoder().decode(h.substring(space + 1).strip()),
                    StandardCharsets.UTF_8));
        }
        if (user.isEmpty()) {
            return;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
        assertTrue(auth.verify(new RtspRequest("DESCRIBE", url, RtspHeaders.of("Authorization", basic)),
                null, user, "pw", all), basic);
        for (String algorithm : List.of("MD5", "SHA-256")) {
            String ha1 = hash(algorithm, user + ":" + Authenticator.REALM + ":pw");
            String ha2 = hash(algorithm, "DESCRIBE:" + url);
            String response = hash(algorithm, ha1 + ":" + auth.nonce() + ":" + ha2);
            String digest = "Digest username=\"" + quoted(user) + "\", realm=\"" + Authenticator.REALM + "\", nonce=\""
                    + auth.nonce() + "\", uri=\"" + quoted(url) + "\", response=\"" + response + "\", algorithm="
                    + algorithm;
            RtspRequest request = new RtspRequest("DESCRIBE", url, RtspHeaders.of("Authorization", digest));
            assertTrue(auth.verify(request, null, user, "pw", all), digest);
            assertTrue(!auth.verify(request, null, user, "wrong", all), digest);
        }
    }

    /** Printable ASCII without leading or trailing blanks, as user names and paths are typed. */
    private static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return b.toString();
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header values reach the parsers as the decoder makes them: UTF-8 text. */
    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
