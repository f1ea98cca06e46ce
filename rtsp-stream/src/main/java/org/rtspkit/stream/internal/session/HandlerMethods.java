package org.rtspkit.stream.internal.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.ServerHandler;

/**
 * The request methods the application's handler answers, as it declares them
 * ({@link ServerHandler#methods()}, read once when the server starts), and the {@code Public} header
 * that follows from them.
 *
 * @param declared the handler's declaration
 */
public record HandlerMethods(Set<RtspMethod> declared) {
    /** The methods a handler can answer; OPTIONS and TEARDOWN are the server's. */
    private static final Set<RtspMethod> HANDLED = EnumSet.complementOf(EnumSet.of(RtspMethod.OPTIONS,
            RtspMethod.TEARDOWN));

    public HandlerMethods {
        declared = Set.copyOf(declared);
    }

    /** @throws IllegalArgumentException when the handler declares null */
    public static HandlerMethods of(ServerHandler handler) {
        Set<RtspMethod> declared = handler.methods();
        if (declared == null) {
            throw new IllegalArgumentException("the handler's methods() returned null; return the set of request"
                    + " methods it answers (ServerHandler.methods)");
        }
        return new HandlerMethods(declared);
    }

    public boolean answers(RtspMethod method) {
        return declared.contains(method);
    }

    /** Whether the handler answers none of the methods a handler can answer. */
    public boolean answersNothing() {
        return declared.stream().noneMatch(HANDLED::contains);
    }

    /**
     * OPTIONS' {@code Public} value, in the order clients were tuned against: the declared methods of
     * DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, then GET_PARAMETER (always: in a session the
     * server answers it), SET_PARAMETER if declared, and TEARDOWN (always).
     */
    public String publicHeader() {
        List<String> m = new ArrayList<>();
        for (RtspMethod r : List.of(RtspMethod.DESCRIBE, RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.PLAY,
                RtspMethod.RECORD, RtspMethod.PAUSE)) {
            if (answers(r)) {
                m.add(r.name());
            }
        }
        m.add(RtspMethod.GET_PARAMETER.name());
        if (answers(RtspMethod.SET_PARAMETER)) {
            m.add(RtspMethod.SET_PARAMETER.name());
        }
        m.add(RtspMethod.TEARDOWN.name());
        return String.join(", ", m);
    }
}
