package cn.sanwu.client.checklist;

/** Where one required item stands for the period that is due now. */
public enum ChecklistState {
    OVERDUE,
    DUE,
    RETURNED,
    DRAFTED,
    SUBMITTED,
    APPROVED,
    PUBLISHED,
    NOT_DISCLOSED_FILED,
    /** An event item with nothing to disclose yet (即时公开, as things happen). */
    ON_DEMAND
}
