package com.example.camera;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the camera on the port given as the only argument (default 8554) and sends 30 pictures a
 * second until the process is stopped: {@code java -p <module path> -m com.example.camera/com.example.camera.CameraApp}.
 */
public final class CameraApp {
    /** A one-byte filler NAL unit (type 12): a reader receives packets at the picture rate. */
    private static final byte[] FILLER = {0x0C};

    private CameraApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8554;
        Camera camera = new Camera(new InetSocketAddress(port));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> camera.send(FILLER, (System.nanoTime() - start) * 90 / 1_000_000, true),
                0, 33, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            clock.shutdownNow();
            camera.close();
        }));
        System.out.println("serving rtsp://" + camera.address().getHostString() + ":" + camera.address().getPort() + "/camera");
    }
}
