#!/usr/bin/python3
"""GStreamer's RTSP server (gst-rtsp-server) set up as a publish-and-read relay, the peer that
scripts/compare measures rtspkit against.

gst-rtsp-server has no "readers play what a publisher records" mode, so the relay is two mounts,
each on its own server (port) in this one process:

  PUB   (RECORD, --publish-port)  ( queue name=depay0 ! udpsink host=127.0.0.1 port=RELAY )
        The publisher's RTP packets, as they come out of the mount's rtpbin, go unchanged to a
        loopback UDP port. No depayloading: the load tool's synthetic payload never has to be a
        decodable H264 stream.
  PATH  (PLAY, --port, one shared media)  ( udpsrc port=RELAY caps=application/x-rtp,... name=pay0 )
        udpsrc named pay0 stands in for a payloader: the same packets (sequence numbers, timestamps
        and payload kept; gst-rtsp-server sets its own SSRC) go to every reader through the one
        shared media, which is the fan-out being measured.

Costs beyond rtspkit's path: one loopback UDP send and receive per published packet (not per
reader), and the record mount's rtpbin jitterbuffer (latency set by --latency-ms). Clients are
served by --threads threads (default: one per CPU, as rtspkit's I/O threads); UDP readers get their
packets from the media's one multiudpsink, TCP readers through their client's thread.

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good):
  benchmarks/peers/gst-rtsp-record-server.py --port 8554 --publish-port 8555
  then publish to rtsp://127.0.0.1:8555/pub and read rtsp://127.0.0.1:8554/cam
Prints "ready" on stdout when it listens; stops on SIGINT or SIGTERM.
"""

import argparse
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

CAPS = "application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=96"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8554, help="the readers' RTSP port")
    parser.add_argument("--publish-port", type=int, default=8555, help="the publisher's RTSP port")
    parser.add_argument("--publish-path", default="/pub", help="the RECORD mount")
    parser.add_argument("--path", default="/cam", help="the mount readers play")
    parser.add_argument("--relay-port", type=int, default=5600, help="loopback UDP port between the two mounts")
    parser.add_argument("--threads", type=int, default=os.cpu_count(),
                        help="readers' client threads (GstRTSPThreadPool max-threads; default: the number of CPUs)")
    parser.add_argument("--latency-ms", type=int, default=10, help="the record mount's jitterbuffer latency")
    args = parser.parse_args()

    Gst.init(None)
    # Two servers, each with its own client threads: a reader's DESCRIBE that prepares the play mount
    # blocks its client thread until packets arrive, and they arrive through the publisher's
    # connection, which therefore must not wait on that thread.
    publish_server = GstRtspServer.RTSPServer()
    publish_server.set_address(args.address)
    publish_server.set_service(str(args.publish_port))
    record = GstRtspServer.RTSPMediaFactory()
    record.set_transport_mode(GstRtspServer.RTSPTransportMode.RECORD)
    record.set_launch(
        f"( queue name=depay0 ! udpsink host=127.0.0.1 port={args.relay_port} sync=false async=false )")
    record.set_latency(args.latency_ms)
    publish_server.get_mount_points().add_factory(args.publish_path, record)

    server = GstRtspServer.RTSPServer()
    server.set_address(args.address)
    server.set_service(str(args.port))
    server.get_thread_pool().set_max_threads(args.threads)
    play = GstRtspServer.RTSPMediaFactory()
    play.set_launch(f"( udpsrc port={args.relay_port} buffer-size=4194304 caps=\"{CAPS}\" name=pay0 )")
    play.set_shared(True)
    server.get_mount_points().add_factory(args.path, play)

    for s, port in ((publish_server, args.publish_port), (server, args.port)):
        if s.attach(None) == 0:
            print(f"gst-rtsp-record-server: cannot listen on {args.address}:{port}", file=sys.stderr)
            sys.exit(1)
    loop = GLib.MainLoop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
