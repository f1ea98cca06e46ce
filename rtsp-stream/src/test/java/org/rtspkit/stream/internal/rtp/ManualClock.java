package org.rtspkit.stream.internal.rtp;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test says so. */
final class ManualClock implements InstantSource {
    private Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    void set(Instant to) {
        now = to;
    }
}
