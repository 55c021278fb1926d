package cn.sanwu.server.feedback;

import java.util.Optional;

/** What the resident chose on the form: a question (询问) or a problem report (反映问题). */
public enum TicketKind {
    QUESTION("询问"),
    PROBLEM("反映问题");

    private final String nameZh;

    TicketKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    public static Optional<TicketKind> parse(String value) {
        for (TicketKind k : values()) {
            if (k.name().equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
