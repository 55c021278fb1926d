package cn.sanwu.client.sync.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that moves one millisecond per reading: time stamps (conflict detection order, version-7
 * ids) are distinct and depend only on the history, so a seed replays exactly. Not thread-safe;
 * the simulation is single-threaded.
 */
final class TickingClock extends Clock {

    private static final Instant START = Instant.parse("2026-11-28T02:00:00Z");
    private long ticks;

    void reset() {
        ticks = 0;
    }

    @Override
    public Instant instant() {
        return START.plusMillis(ticks++);
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("one zone is enough for the simulation");
    }
}
