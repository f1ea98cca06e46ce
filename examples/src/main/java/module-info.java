/** Short programs built on rtspkit, written as any application would be: against the API and the engine's entry point. */
module org.rtspkit.examples {
    // Brings org.rtspkit.api along (requires transitive). The transports are not required: the
    // engine finds them with ServiceLoader on the module path, which is how an application picks them.
    requires org.rtspkit.stream;

    // Frames in and out of streams (FrameWriter, FrameReceiver) and the H264 Annex-B helpers.
    requires org.rtspkit.formats;

    // Exports nothing: programs started with java -m.
}
