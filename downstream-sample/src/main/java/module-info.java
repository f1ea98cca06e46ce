/** A camera that serves one H264 stream over RTSP, built on rtspkit. */
module com.example.camera {
    // The engine's entry point (RtspServers); it brings org.rtspkit.api along (requires transitive).
    // Transports are not required: the engine finds them with ServiceLoader on the module path.
    requires org.rtspkit.stream;
}
