package org.rtspkit.micrometer;

import java.util.Set;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;

/**
 * The application's handler with every callback passed on unchanged, and the few that open and end
 * sessions and connections noted for {@link RtspkitMetrics}: a session is counted from its accepted
 * PLAY or RECORD until onSessionClose. The per-packet callbacks (onPacketsLost, onDecodeError,
 * onStreamWriteError) are passed on and nothing else.
 */
final class MeteredHandler implements ServerHandler {
    private final ServerHandler delegate;
    private final RtspkitMetrics metrics;

    MeteredHandler(ServerHandler delegate, RtspkitMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Set<RtspMethod> methods() {
        return delegate.methods();
    }

    @Override
    public void onConnectionOpen(ServerConnection connection) {
        metrics.connectionOpened();
        delegate.onConnectionOpen(connection);
    }

    @Override
    public void onConnectionClose(ServerConnection connection, Throwable error) {
        metrics.connectionClosed();
        delegate.onConnectionClose(connection, error);
    }

    @Override
    public void onSessionOpen(ServerSession session, ServerConnection connection) {
        delegate.onSessionOpen(session, connection);
    }

    @Override
    public void onSessionClose(ServerSession session, Throwable error) {
        metrics.sessionEnded(session);
        delegate.onSessionClose(session, error);
    }

    @Override
    public void onRequest(ServerConnection connection, RtspRequest request) {
        delegate.onRequest(connection, request);
    }

    @Override
    public void onResponse(ServerConnection connection, RtspResponse response) {
        delegate.onResponse(connection, response);
    }

    @Override
    public StreamResponse onDescribe(RequestContext context) {
        return delegate.onDescribe(context);
    }

    @Override
    public RtspResponse onAnnounce(AnnounceContext context) {
        return delegate.onAnnounce(context);
    }

    @Override
    public StreamResponse onSetup(SetupContext context) {
        return delegate.onSetup(context);
    }

    @Override
    public RtspResponse onPlay(RequestContext context) {
        RtspResponse response = delegate.onPlay(context);
        if (response.status() == 200) {
            metrics.sessionStarted(context.session(), RtspkitMetrics.READER);
        }
        return response;
    }

    @Override
    public RtspResponse onRecord(RequestContext context) {
        RtspResponse response = delegate.onRecord(context);
        if (response.status() == 200) {
            metrics.sessionStarted(context.session(), RtspkitMetrics.PUBLISHER);
        }
        return response;
    }

    @Override
    public RtspResponse onPause(RequestContext context) {
        return delegate.onPause(context);
    }

    @Override
    public RtspResponse onGetParameter(RequestContext context) {
        return delegate.onGetParameter(context);
    }

    @Override
    public RtspResponse onSetParameter(RequestContext context) {
        return delegate.onSetParameter(context);
    }

    @Override
    public void onPacketsLost(ServerSession session, long lost) {
        delegate.onPacketsLost(session, lost);
    }

    @Override
    public void onDecodeError(ServerSession session, Exception error) {
        delegate.onDecodeError(session, error);
    }

    @Override
    public void onStreamWriteError(ServerSession session, Exception error) {
        delegate.onStreamWriteError(session, error);
    }
}
