package org.rtspkit.stream.internal.stream;

import org.rtspkit.api.ServerStream;

/** Which of a server's streams a handler answered with. */
public final class ServedStreams {
    private ServedStreams() {
    }

    /**
     * The stream a handler answered {@code method} with, as one of {@code host}'s: the engine serves only
     * streams it made, because their packets go through its loops, keys and groups.
     *
     * @throws HandlerContractException when the application made the stream itself, or another server did
     */
    public static Stream of(ServerStream answer, StreamHost host, String method) {
        if (!(answer instanceof Stream stream)) {
            throw new HandlerContractException("the " + method + " handler answered with a ServerStream that this"
                    + " server did not create (" + answer.getClass().getName() + "); answer with a stream made by"
                    + " this server's RtspServer.createStream");
        }
        if (!stream.belongsTo(host)) {
            throw new HandlerContractException("the " + method + " handler answered with a stream of another server;"
                    + " each server serves the streams it created (RtspServer.createStream)");
        }
        return stream;
    }
}
