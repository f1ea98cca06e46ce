package org.rtspkit.stream.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A session started playing (a reader) or recording (a publisher): committed once per session, at its
 * first PLAY or RECORD, on the worker that answers it.
 */
@Name("org.rtspkit.SessionStart")
@Label("RTSP Session Start")
@Category({"rtspkit", "Sessions"})
@Description("A session's first PLAY (reader) or RECORD (publisher) was accepted")
@StackTrace(false) // always the same request path: the trace would only cost
public final class SessionStartEvent extends SessionEventFields {
}
