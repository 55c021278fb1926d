package cn.sanwu.server.feedback;

import java.util.Optional;

/** How staff classify a ticket: 政策咨询 / 问题线索 / 其他. */
public enum TicketCategory {
    POLICY_QUERY("政策咨询"),
    PROBLEM_LEAD("问题线索"),
    OTHER("其他");

    private final String nameZh;

    TicketCategory(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    public static Optional<TicketCategory> parse(String value) {
        for (TicketCategory c : values()) {
            if (c.name().equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
