package cn.sanwu.server.feedback;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer clock (DOMAIN.md: answered within 10 days; calendar days, docs/decisions/0021): a
 * ticket waits at its first level for {@link #PERIOD}, and each period it stays unanswered moves it
 * one level up — village → township → city. A question starts at the village; a problem report
 * starts at the township (the village is never told of it). A pure function of time, so nothing
 * has to run for a ticket to escalate, and a test drives it with a clock. Stateless.
 */
public final class Escalation {

    /** The time each level has to answer; also the resident's answer deadline. */
    public static final Duration PERIOD = Duration.ofDays(10);

    public enum Level {
        VILLAGE("村"),
        TOWNSHIP("乡镇"),
        CITY("市级监督");

        private final String nameZh;

        Level(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    private Escalation() {
    }

    /** Where the ticket first waits. */
    public static Level firstLevel(TicketKind kind) {
        return kind == TicketKind.QUESTION ? Level.VILLAGE : Level.TOWNSHIP;
    }

    /**
     * Where a ticket waits at {@code now}: unanswered, one level up per full {@link #PERIOD}
     * since it was submitted, at most the city; once answered ({@code answeredAt} not null), where
     * it was when the answer came.
     */
    public static Level waitingAt(TicketKind kind, Instant createdAt, Instant answeredAt, Instant now) {
        Instant at = answeredAt != null && answeredAt.isBefore(now) ? answeredAt : now;
        long periods = at.isBefore(createdAt) ? 0 : Duration.between(createdAt, at).dividedBy(PERIOD);
        int level = (int) Math.min(Level.CITY.ordinal(), firstLevel(kind).ordinal() + periods);
        return Level.values()[level];
    }

    /** The answer deadline the resident sees. */
    public static Instant dueAt(Instant createdAt) {
        return createdAt.plus(PERIOD);
    }

    /** True when unanswered past the deadline. */
    public static boolean overdue(Instant createdAt, Instant answeredAt, Instant now) {
        return answeredAt == null && !now.isBefore(dueAt(createdAt));
    }
}
