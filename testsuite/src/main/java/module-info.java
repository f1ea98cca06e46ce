/**
 * Holds nothing but this descriptor: the cross-module tests are patched into it, so that they run
 * on the module path with every rtspkit module resolved, as a full application would have them.
 */
module org.rtspkit.testsuite {
    // The whole product, and through it the engine, the SPI and the API.
    requires org.rtspkit.server;
    requires org.rtspkit.examples;
    // The RTSP client, which no other module requires.
    requires org.rtspkit.client;
    // The payload formats, which only applications require.
    requires org.rtspkit.formats;
    // The optional Micrometer binding, with Micrometer as the automatic module micrometer.core.
    requires org.rtspkit.micrometer;
    // The plugins: nothing names them, so they are required here only to resolve them in the boot
    // layer, where the descriptor tests read them.
    requires org.rtspkit.transport.udp;
    requires org.rtspkit.transport.udp.linux;
    requires org.rtspkit.transport.tcp;
    requires org.rtspkit.multicast;
    requires org.rtspkit.srtp;
    requires org.rtspkit.archrules;
    requires org.rtspkit.testkit;
}
