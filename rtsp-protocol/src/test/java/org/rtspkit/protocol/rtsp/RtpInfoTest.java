package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.MalformedDataException;

class RtpInfoTest {

    @Test
    void formatAsInThePlayResponse() {
        String v = RtpInfo.format(List.of(
                new RtpInfo.Entry("rtsp://localhost:8554/teststream/trackID=0", 557, 4294967295L),
                new RtpInfo.Entry("rtsp://localhost:8554/teststream/trackID=1", null, null)));
        assertEquals("url=rtsp://localhost:8554/teststream/trackID=0;seq=557;rtptime=4294967295,"
                + "url=rtsp://localhost:8554/teststream/trackID=1", v);
    }

    @Test
    void valuesWrapToTheirWidth() {
        assertEquals("url=u;seq=0;rtptime=0", RtpInfo.format(List.of(new RtpInfo.Entry("u", 65536, 1L << 32))));
    }

    @Test
    void parseRoundTrips() {
        List<RtpInfo.Entry> entries = List.of(
                new RtpInfo.Entry("rtsp://h/s/trackID=0", 1, 2L),
                new RtpInfo.Entry("rtsp://h/s/trackID=1", 65535, 4294967295L),
                new RtpInfo.Entry("rtsp://h/s/trackID=2", null, null));
        assertEquals(entries, RtpInfo.parse(RtpInfo.format(entries)));
        assertEquals(List.of(new RtpInfo.Entry("rtsp://h/s", 5, null)), RtpInfo.parse(" url=rtsp://h/s; seq=5; ssrc=AB "));
    }

    @Test
    void malformed() {
        assertThrows(MalformedDataException.class, () -> RtpInfo.parse("seq=1;rtptime=2"));
        assertThrows(MalformedDataException.class, () -> RtpInfo.parse("url=u;seq=65536"));
        assertThrows(MalformedDataException.class, () -> RtpInfo.parse("url=u;rtptime=4294967296"));
        assertThrows(MalformedDataException.class, () -> RtpInfo.parse("url=u;seq=x"));
    }
}
