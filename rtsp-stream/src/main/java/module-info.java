/**
 * The rtspkit engine: the {@link org.rtspkit.api.ServerStream} implementation and the RTSP/1.0 server
 * around it. Applications start servers with {@link org.rtspkit.stream.RtspServers}; everything else
 * lives in unexported {@code internal} packages. Transports are found through
 * {@link org.rtspkit.spi.Transports}, never imported.
 */
module org.rtspkit.stream {
    requires transitive org.rtspkit.api;
    // How the engine finds and drives its plugins; not re-exported: applications never see it.
    requires org.rtspkit.spi;
    // RTSP and SDP codecs, exported to the engine alone.
    requires org.rtspkit.protocol;
    // The lock-free queues between writers and I/O loops (the atomic ones: no Unsafe warnings on new JDKs).
    requires org.jctools.core;
    // Thread factories, rate-limited warnings, uninterruptible waits on close, host:port formatting.
    requires com.google.common;
    // Flight Recorder events of sessions (start, end, a reader's drops, a publisher's loss): a JDK
    // module, free when no recording runs, so jcmd PID JFR.start shows what the engine did.
    requires jdk.jfr;

    exports org.rtspkit.stream;
}
