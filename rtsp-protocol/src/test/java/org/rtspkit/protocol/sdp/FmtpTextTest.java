package org.rtspkit.protocol.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FmtpTextTest {
    @Test
    void parsesWhatCamerasWrite() {
        assertEquals(Map.of(), FmtpText.parse(null));
        assertEquals(Map.of(), FmtpText.parse(" ; ;"));
        assertEquals(Map.of("a", "1", "b", "x=y==", "c", ""), FmtpText.parse(" a = 1 ;b=x=y==;c;=ignored; "));
    }

    @Test
    void writesKeysSortedAndBareParametersBare() {
        assertEquals("a=1; b=x=y==; c", FmtpText.format(FmtpText.parse("c;b=x=y==;a=1")));
        Map<String, String> telephoneEvent = new LinkedHashMap<>();
        telephoneEvent.put("Profile-ID", "0");
        telephoneEvent.put("0-15", "");
        assertEquals("0-15; Profile-ID=0", FmtpText.format(telephoneEvent));
    }
}
