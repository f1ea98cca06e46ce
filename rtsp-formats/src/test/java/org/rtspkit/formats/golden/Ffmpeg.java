package org.rtspkit.formats.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs FFmpeg for the golden tests. FFmpeg is required: when it is not on the PATH the tests fail,
 * saying so; they never skip. Every run has a deadline, after which FFmpeg is killed and the test fails.
 */
final class Ffmpeg {
    private static final Path BINARY = find();

    private Ffmpeg() {
    }

    private static Path find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        for (String dir : (path + ":/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Path binary() {
        if (BINARY == null) {
            fail("the golden tests need FFmpeg (ffmpeg on the PATH, e.g. apt-get install ffmpeg); none was found");
        }
        return BINARY;
    }

    /** A started FFmpeg whose standard error goes to a file. */
    record Running(Process process, Path logFile, List<String> command) {
        /** Waits for it to exit; kills it and fails at the deadline. */
        int await(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    fail("FFmpeg did not finish within " + seconds + " s: " + String.join(" ", command) + "\n" + log());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    static Running start(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.add("-hide_banner");
        command.add("-nostdin");
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(workDir, "ffmpeg", ".log");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            return new Running(process, log, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs FFmpeg to completion (within the deadline), its standard output written to {@code out}; fails unless it exits 0. */
    static void run(Path workDir, long seconds, Path out, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.add("-hide_banner");
        command.add("-nostdin");
        command.add("-v");
        command.add("error");
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(workDir, "ffmpeg", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
            builder.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
            Running running = new Running(builder.start(), log, command);
            assertEquals(0, running.await(seconds), () -> "FFmpeg failed: " + String.join(" ", command) + "\n" + running.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs FFmpeg and returns its standard output. */
    static byte[] output(Path workDir, long seconds, String... args) {
        try {
            Path out = Files.createTempFile(workDir, "ffmpeg", ".out");
            run(workDir, seconds, out, args);
            byte[] bytes = Files.readAllBytes(out);
            Files.delete(out);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
