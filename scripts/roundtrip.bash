# Shared by scripts/jlink-check and scripts/classpath-check (sourced, not run): start a server on
# loopback, publish a short synthetic stream with FFmpeg over TCP, read it back with FFmpeg readers
# and count the decoded frames, and send a raw UDP-only SETUP. Every wait is bounded; every process
# started here is recorded in `started_pids` and killed by `roundtrip_cleanup`.

started_pids=()
work=""

roundtrip_init() {
    for tool in ffmpeg timeout python3 curl; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is not on PATH (./run-tests installs ffmpeg)" >&2; exit 1; }
    done
    work="$(mktemp -d "${TMPDIR:-/tmp}/rtspkit-check.XXXXXX")"
    trap roundtrip_cleanup EXIT
    trap 'exit 130' INT TERM
}

roundtrip_cleanup() {
    local pid
    for pid in "${started_pids[@]}"; do
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    done
    for pid in "${started_pids[@]}"; do
        # Bounded: a process that ignores SIGTERM for 10 s is killed outright.
        timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 -- "-$pid" "$pid" 2>/dev/null || true
    done
    started_pids=()
    [[ -n "$work" ]] && rm -rf "$work"
}

# free_port tcp|udp-pair: a free loopback port (for udp-pair: an even one whose next port is free too).
free_port() {
    python3 - "$1" <<'PY'
import random, socket, sys
kind = sys.argv[1]
for _ in range(200):
    port = 2 * random.randint(10000, 15999)  # below the ephemeral range, where clients' ports land
    try:
        if kind == "tcp":
            s = socket.socket(); s.bind(("127.0.0.1", port)); s.close()
        else:
            a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.bind(("127.0.0.1", port))
            b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); b.bind(("127.0.0.1", port + 1))
            a.close(); b.close()
        print(port); sys.exit(0)
    except OSError:
        pass
sys.exit("no free port on 127.0.0.1")
PY
}

# start_server NAME COMMAND...: runs the server in the background (stdout/stderr in $work/NAME.out/.err)
# and waits up to 30 s for its listening line.
start_server() {
    local name="$1"; shift
    # Created here, so the wait below never greps a file the background process has yet to open.
    : >"$work/$name.out"
    : >"$work/$name.err"
    # A process group of its own: a jlink launcher is a shell script that runs java as its child
    # rather than exec'ing it, and the group is what must be stopped.
    setsid "$@" >"$work/$name.out" 2>"$work/$name.err" &
    local pid=$!
    started_pids+=("$pid")
    server_pid="$pid"
    local deadline=$((SECONDS + 30))
    until grep -q '^rtspkit listening on rtsp://' "$work/$name.out"; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
            echo "$0: $name did not start" >&2
            cat "$work/$name.out" "$work/$name.err" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "  $(grep '^rtspkit listening on rtsp://' "$work/$name.out")"
}

# stop_server PID: SIGTERM to its process group, then wait up to 15 s for the group to exit.
stop_server() {
    kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true
    # The whole group: the launcher shell ends at once, the JVM after its shutdown hook.
    local deadline=$((SECONDS + 15))
    while kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; do
        if ((SECONDS > deadline)); then
            echo "$0: the server did not stop within 15 s of SIGTERM" >&2
            exit 1
        fi
        sleep 0.1
    done
}

# publish URL SECONDS: FFmpeg publishes a 320x240 25 fps H264 test picture over TCP, in the background.
publish() {
    timeout -k 3 $(($2 + 30)) ffmpeg -hide_banner -nostdin -loglevel warning -re -f lavfi \
        -i testsrc2=size=320x240:rate=25 -t "$2" -c:v libx264 -preset ultrafast -tune zerolatency -g 25 \
        -pix_fmt yuv420p -f rtsp -rtsp_transport tcp "$1" >"$work/publisher.log" 2>&1 &
    started_pids+=("$!")
    publisher_pid=$!
}

# await_recording METRICS_URL: waits up to 20 s for /metrics to show one publisher.
await_recording() {
    local deadline=$((SECONDS + 20))
    until curl -fsS --max-time 2 "$1" 2>/dev/null | grep -q '^rtspkit_publishers 1\.0$'; do
        if ! kill -0 "$publisher_pid" 2>/dev/null || ((SECONDS > deadline)); then
            echo "$0: the publisher did not start recording" >&2
            cat "$work/publisher.log" >&2
            exit 1
        fi
        sleep 0.3
    done
}

# read_frames NAME TRANSPORT URL SECONDS: reads and decodes for SECONDS, in the background; the frame
# count lands in $work/NAME.progress.
read_frames() {
    timeout -k 3 $(($4 + 20)) ffmpeg -hide_banner -nostdin -v error -rtsp_transport "$2" -timeout 5000000 \
        -i "$3" -t "$4" -map 0:v -f null - -progress "$work/$1.progress" >"$work/$1.log" 2>&1 &
    started_pids+=("$!")
    eval "${1//-/_}_pid=$!"
}

# frames NAME: the last frame count a reader reported (0 when none).
frames() {
    local n
    n="$(grep '^frame=' "$work/$1.progress" 2>/dev/null | tail -1 | cut -d= -f2)"
    echo "${n:-0}"
}

# expect_frames NAME MIN: fails unless the reader decoded at least MIN frames.
expect_frames() {
    local n
    n="$(frames "$1")"
    if ((n < $2)); then
        echo "$0: $1 decoded $n frames, expected at least $2" >&2
        cat "$work/$1.log" >&2
        exit 1
    fi
    echo "  $1: $n frames decoded"
}

# setup_status URL: the status line a raw DESCRIBE + UDP-only SETUP gets (the SETUP's).
setup_status() {
    python3 - "$1" <<'PY'
import re, socket, sys, urllib.parse
url = sys.argv[1]
u = urllib.parse.urlsplit(url)
s = socket.create_connection((u.hostname, u.port), timeout=10)
f = s.makefile("rb")
def request(lines):
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    status = f.readline().decode().rstrip("\r\n")
    headers = {}
    while True:
        line = f.readline().decode().rstrip("\r\n")
        if not line:
            break
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    body = f.read(int(headers.get("content-length", "0"))).decode()
    return status, headers, body
status, headers, body = request([f"DESCRIBE {url} RTSP/1.0", "CSeq: 1", "Accept: application/sdp"])
if " 200 " not in status + " ":
    sys.exit("DESCRIBE got " + status)
controls = re.findall(r"^a=control:(\S+)", body, re.M)
control = controls[-1] if controls else ""
base = headers.get("content-base", url)
target = control if control.startswith("rtsp://") else base.rstrip("/") + "/" + control
status, _, _ = request([f"SETUP {target} RTSP/1.0", "CSeq: 2", "Transport: RTP/AVP;unicast;client_port=40000-40001"])
print(status)
PY
}
