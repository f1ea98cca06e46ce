#!/usr/bin/python3
"""GStreamer's own RTSP server (gst-rtsp-server), for interop tests of rtspkit's client.

Serves a live H.264 test picture at /test, or with --record accepts one publisher at /test and
writes what it receives as MPEG-TS. Prints 'ready' once listening; runs until killed.

  --port N          RTSP port
  --user U --pass P Digest authentication (realm "rtspkit-test")
  --protocols P     tcp, udp, udp-mcast (comma separated; default tcp,udp)
  --mcast-range A-B multicast addresses for udp-mcast, e.g. 224.3.0.1-224.3.0.10
  --record FILE     record mode: depayload H.264 and write FILE (MPEG-TS)
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", required=True)
    p.add_argument("--user")
    p.add_argument("--pass", dest="password")
    p.add_argument("--protocols", default="tcp,udp")
    p.add_argument("--mcast-range")
    p.add_argument("--record")
    a = p.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_service(a.port)
    factory = GstRtspServer.RTSPMediaFactory()
    if a.record:
        factory.set_transport_mode(GstRtspServer.RTSPTransportMode.RECORD)
        factory.set_launch("( rtph264depay name=depay0 ! h264parse ! mpegtsmux ! filesink location=%s )" % a.record)
    else:
        factory.set_launch("( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=25/1 "
                           "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 "
                           "! rtph264pay name=pay0 pt=96 config-interval=1 )")
        factory.set_shared(True)
    protocols = GstRtsp.RTSPLowerTrans(0)
    for name in a.protocols.split(","):
        protocols |= {"tcp": GstRtsp.RTSPLowerTrans.TCP, "udp": GstRtsp.RTSPLowerTrans.UDP,
                      "udp-mcast": GstRtsp.RTSPLowerTrans.UDP_MCAST}[name]
    factory.set_protocols(protocols)
    if a.mcast_range:
        pool = GstRtspServer.RTSPAddressPool()
        low, high = a.mcast_range.split("-")
        pool.add_range(low, high, 5000, 5100, 16)
        factory.set_address_pool(pool)

    if a.user:
        auth = GstRtspServer.RTSPAuth()
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.set_realm("rtspkit-test")
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        auth.add_digest(a.user, a.password, token)
        server.set_auth(auth)
        factory.add_role_from_structure(Gst.Structure.new_from_string(
            "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))

    server.get_mount_points().add_factory("/test", factory)
    if server.attach(None) == 0:
        print("cannot listen on port %s" % a.port, flush=True)
        sys.exit(1)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
