package org.rtspkit.stream.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SetupContext;

/** Which optional handler methods the application overrides, decided once by reflection. */
public record HandlerMethods(boolean describe, boolean announce, boolean setup, boolean play, boolean record,
                      boolean pause, boolean getParameter, boolean setParameter) {
    public static HandlerMethods of(ServerHandler h) {
        return new HandlerMethods(
                overrides(h, "onDescribe", RequestContext.class),
                overrides(h, "onAnnounce", AnnounceContext.class),
                overrides(h, "onSetup", SetupContext.class),
                overrides(h, "onPlay", RequestContext.class),
                overrides(h, "onRecord", RequestContext.class),
                overrides(h, "onPause", RequestContext.class),
                overrides(h, "onGetParameter", RequestContext.class),
                overrides(h, "onSetParameter", RequestContext.class));
    }

    private static boolean overrides(ServerHandler h, String name, Class<?> param) {
        try {
            return h.getClass().getMethod(name, param).getDeclaringClass() != ServerHandler.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** OPTIONS' {@code Public} value, in the order clients were tuned against. */
    public String publicHeader() {
        List<String> m = new ArrayList<>();
        if (describe) {
            m.add("DESCRIBE");
        }
        if (announce) {
            m.add("ANNOUNCE");
        }
        if (setup) {
            m.add("SETUP");
        }
        if (play) {
            m.add("PLAY");
        }
        if (record) {
            m.add("RECORD");
        }
        if (pause) {
            m.add("PAUSE");
        }
        m.add("GET_PARAMETER");
        if (setParameter) {
            m.add("SET_PARAMETER");
        }
        m.add("TEARDOWN");
        return String.join(", ", m);
    }
}
