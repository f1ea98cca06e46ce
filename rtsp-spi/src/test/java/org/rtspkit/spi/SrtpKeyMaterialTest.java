package org.rtspkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.SrtpSuite;

class SrtpKeyMaterialTest {
    @Test
    void toStringShowsNoKeyBytes() {
        SrtpKeyMaterial key = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        assertEquals("SrtpKeyMaterial[suite=AES_CM_128_HMAC_SHA1_80, mki=none]", key.toString());
    }
}
