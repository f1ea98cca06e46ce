package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.MalformedDataException;

class RtspUrlTest {

    @Test
    void parts() {
        RtspUrl u = RtspUrl.parse("rtsp://localhost:8554/teststream?param=value");
        assertEquals("rtsp", u.scheme());
        assertNull(u.userInfo());
        assertEquals("localhost:8554", u.hostAndPort());
        assertEquals("localhost", u.host());
        assertEquals(8554, u.port());
        assertEquals("/teststream", u.path());
        assertEquals("param=value", u.rawQuery());
        assertEquals("rtsp://localhost:8554/teststream?param=value", u.toString());
    }

    @Test
    void variants() {
        RtspUrl u = RtspUrl.parse("RTSPS://user:p%40ss@[::1]:322/a%20b/c");
        assertEquals("rtsps", u.scheme());
        assertEquals("user:p%40ss", u.userInfo());
        assertEquals("[::1]:322", u.hostAndPort());
        assertEquals("::1", u.host());
        assertEquals(322, u.port());
        assertEquals("/a%20b/c", u.path());
        assertEquals("", u.rawQuery());
        assertEquals("rtsps://[::1]:322/a%20b/c", u.withoutUserInfo());

        u = RtspUrl.parse("rtsp://camera");
        assertEquals(-1, u.port());
        assertEquals("", u.path());
        u = RtspUrl.parse("rtsp://camera?x=1");
        assertEquals("", u.path());
        assertEquals("x=1", u.rawQuery());
        assertNull(RtspUrl.parse("*"));
    }

    @Test
    void invalid() {
        for (String bad : new String[] {"http://localhost/x", "/teststream", "teststream", "rtsp:/x", "rtsp:x",
                "rtsp://h/x#frag", "rtsp://h:port/x", "rtsp://h:70000/x", "rtsp://h/a b", "rtsp://h/%zz",
                "rtsp://h/%4", "rtsp://[::1/x", "rtsp://[::1]x/y", "rtsp://h/\u0001"}) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> RtspUrl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid URL '"), e.getMessage());
        }
        assertEquals("invalid URL 'http://localhost/x': unsupported scheme 'http'",
                assertThrows(MalformedDataException.class, () -> RtspUrl.parse("http://localhost/x")).getMessage());
    }

    // ---- play URL shapes (REFERENCE §3.10)

    private static RtspUrl.SetupTarget setup(String url) {
        return RtspUrl.pathQueryAndTrackId(RtspUrl.parse(url));
    }

    @Test
    void setupStandard() {
        assertEquals(new RtspUrl.SetupTarget("/teststream", "", "0"), setup("rtsp://localhost:8554/teststream/trackID=0"));
        assertEquals(new RtspUrl.SetupTarget("/teststream", "", "1"), setup("rtsp://localhost:8554/teststream/trackID=1"));
    }

    @Test
    void setupFfmpegQuery() {
        assertEquals(new RtspUrl.SetupTarget("/teststream", "param=value", "1"),
                setup("rtsp://localhost:8554/teststream?param=value/trackID=1"));
    }

    @Test
    void setupTrackBeforeQuery() {
        // no /trackID= in the query, so the path's is used and the query kept
        assertEquals(new RtspUrl.SetupTarget("/teststream", "param=value", "1"),
                setup("rtsp://localhost:8554/teststream/trackID=1?param=value"));
    }

    @Test
    void setupSubpath() {
        assertEquals(new RtspUrl.SetupTarget("/test/stream", "", "0"), setup("rtsp://localhost:8554/test/stream/trackID=0"));
        assertEquals(new RtspUrl.SetupTarget("/test/stream", "p=v", "2"),
                setup("rtsp://localhost:8554/test/stream?p=v/trackID=2"));
    }

    @Test
    void setupTrailingSlashMeansTrackZero() {
        assertEquals(new RtspUrl.SetupTarget("/teststream", "", "0"), setup("rtsp://localhost:8554/teststream/"));
        assertEquals(new RtspUrl.SetupTarget("/teststream", "param=value", "0"),
                setup("rtsp://localhost:8554/teststream?param=value/"));
    }

    @Test
    void setupEmptyPath() {
        // "/" is neither a trailing slash after a name nor a track: the empty-path rule keeps it as is
        assertEquals(new RtspUrl.SetupTarget("/", "", "0"), setup("rtsp://localhost:8554/"));
        assertEquals(new RtspUrl.SetupTarget("", "", "0"), setup("rtsp://localhost:8554"));
    }

    @Test
    void setupKeepsNonNumericTrackForTheCaller() {
        assertEquals("abc", setup("rtsp://localhost:8554/teststream/trackID=abc").trackId());
        assertEquals("", setup("rtsp://localhost:8554/teststream/trackID=").trackId());
    }

    @Test
    void setupWithoutTrackOrSlashIsRejected() {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> setup("rtsp://localhost:8554/teststream"));
        assertEquals("invalid SETUP path. This typically happens when VLC fails a request, and then switches to an "
                + "unsupported RTSP dialect", e.getMessage());
        assertThrows(MalformedDataException.class, () -> setup("rtsp://localhost:8554/teststream?param=value"));
    }

    @Test
    void pathAndQuery() {
        assertEquals(new RtspUrl.PathAndQuery("/teststream", ""), pq("rtsp://localhost:8554/teststream"));
        assertEquals(new RtspUrl.PathAndQuery("/teststream", ""), pq("rtsp://localhost:8554/teststream/"));
        assertEquals(new RtspUrl.PathAndQuery("/teststream", "param=value"),
                pq("rtsp://localhost:8554/teststream?param=value/"));
        assertEquals(new RtspUrl.PathAndQuery("/teststream/", "param=value"),
                pq("rtsp://localhost:8554/teststream/?param=value/"));
        assertEquals(new RtspUrl.PathAndQuery("/teststream", "param=value"),
                pq("rtsp://localhost:8554/teststream/?param=value"));
        assertEquals(new RtspUrl.PathAndQuery("/test/stream", ""), pq("rtsp://localhost:8554/test/stream/"));
        assertEquals(new RtspUrl.PathAndQuery("/", ""), pq("rtsp://localhost:8554/"));
        assertEquals(new RtspUrl.PathAndQuery("", ""), pq("rtsp://localhost:8554"));
    }

    private static RtspUrl.PathAndQuery pq(String url) {
        return RtspUrl.pathAndQuery(RtspUrl.parse(url));
    }

    @Test
    void playSetupAndPlayPathsAgree() {
        // the SETUP path and the later PLAY path (Content-Base based) must be equal for each client style
        String[][] pairs = {
                {"rtsp://localhost:8554/teststream/trackID=0", "rtsp://localhost:8554/teststream/"},
                {"rtsp://localhost:8554/teststream?param=value/trackID=0", "rtsp://localhost:8554/teststream?param=value/"},
                {"rtsp://localhost:8554/test/stream/trackID=0", "rtsp://localhost:8554/test/stream"},
                {"rtsp://localhost:8554/teststream/", "rtsp://localhost:8554/teststream/"},
                {"rtsp://localhost:8554/", "rtsp://localhost:8554/"},
        };
        for (String[] p : pairs) {
            assertEquals(setup(p[0]).path(), pq(p[1]).path(), p[0]);
        }
    }

    // ---- record URL shapes

    private static boolean control(String url, String path, String query, String control) {
        return RtspUrl.matchesControl(RtspUrl.parse(url), path, query, control);
    }

    @Test
    void recordStandard() {
        assertTrue(control("rtsp://localhost:8554/teststream/trackID=0", "/teststream", "", "trackID=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/trackID=1", "/teststream", "", "trackID=0"));
        assertTrue(control("rtsp://localhost:8554/test/stream/trackID=0", "/test/stream", "", "trackID=0"));
    }

    @Test
    void recordFfmpeg() {
        assertTrue(control("rtsp://localhost:8554/teststream?param=value/trackID=0", "/teststream", "param=value",
                "trackID=0"));
        assertTrue(control("rtsp://localhost:8554/teststream/streamid=0", "/teststream", "", "streamid=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/streamid=1", "/teststream", "", "streamid=0"));
    }

    @Test
    void recordGstreamer() {
        assertTrue(control("rtsp://localhost:8554/teststream/stream=0", "/teststream", "", "stream=0"));
        assertTrue(control("rtsp://localhost:8554/teststream/stream=0?param=value", "/teststream", "param=value",
                "stream=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/stream=0?other=1", "/teststream", "param=value",
                "stream=0"));
    }

    @Test
    void recordAbsoluteControl() {
        assertTrue(control("rtsp://localhost:8554/teststream/trackID=0", "/teststream", "",
                "rtsp://localhost:8554/teststream/trackID=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/trackID=1", "/teststream", "",
                "rtsp://localhost:8554/teststream/trackID=0"));
        assertTrue(control("rtsp://user:pass@localhost:8554/teststream/trackID=0", "/teststream", "",
                "rtsp://localhost:8554/teststream/trackID=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/trackID=0", "/teststream", "", "rtsp://bad url"));
    }

    @Test
    void recordWrongPathDoesNotMatch() {
        assertFalse(control("rtsp://localhost:8554/other/trackID=0", "/teststream", "", "trackID=0"));
        assertFalse(control("rtsp://localhost:8554/teststream/trackID=0", "/teststream", null, "trackID=1"));
    }
}
