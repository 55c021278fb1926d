package cn.sanwu.model.notice;

/** Life of a notice (DESIGN.md §3). Only the server moves a notice past SUBMITTED. */
public enum NoticeStatus {
    DRAFT("草稿"),
    SIGNED_OFF("监委会已审核"),
    SUBMITTED("已提交"),
    RETURNED("已退回"),
    APPROVED("已审核"),
    PUBLISHED("已公开"),
    ARCHIVED("已归档"),
    /** Taken down by the township with a public reason; stays in history, never editable again. */
    WITHDRAWN("已撤回"),
    /** 不公开备案: the village filed that nothing is disclosed for this item and period, with a reason. */
    NOT_DISCLOSED_FILED("不公开备案");

    private final String nameZh;

    NoticeStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    /** Whether the village may still change the content locally. */
    public boolean isEditable() {
        // RETURNED: the village fixes what the township sent back (and signs off again).
        return this == DRAFT || this == SIGNED_OFF || this == RETURNED || this == NOT_DISCLOSED_FILED;
    }

    /** Whether only the server may set this status (a township decision); a village push of it is refused. */
    public boolean isServerSet() {
        return this == RETURNED || this == APPROVED || this == PUBLISHED || this == ARCHIVED || this == WITHDRAWN;
    }
}
