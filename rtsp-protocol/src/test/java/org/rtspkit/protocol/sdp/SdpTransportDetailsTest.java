package org.rtspkit.protocol.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpTransportDetailsTest {
    @Test
    void profilesPortsAddressesAndKeys() {
        SdpTransportDetails d = SdpTransportDetails.parse("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\n"
                + "c=IN IP4 224.2.0.1/127\r\nt=0 0\r\na=control:rtsp://h/s/\r\n"
                + "m=video 9000 RTP/SAVP 96\r\na=key-mgmt:mikey AQID\r\na=control:trackID=0\r\n"
                + "m=audio 0 RTP/AVP 0\r\nc=IN IP4 224.2.0.2/16\r\n");
        assertEquals("rtsp://h/s/", d.sessionControl());
        assertEquals(2, d.medias().size());
        assertTrue(d.medias().get(0).secure());
        assertEquals(9000, d.medias().get(0).port());
        assertEquals("224.2.0.1", d.medias().get(0).connectionAddress());
        assertEquals("AQID", d.medias().get(0).mikey());
        assertFalse(d.medias().get(1).secure());
        assertEquals("224.2.0.2", d.medias().get(1).connectionAddress());
        assertNull(d.medias().get(1).mikey());
    }
}
