package cn.sanwu.model.finance;

/** The books a village keeps; some villages keep both (DOMAIN.md). */
public enum AccountingEntity {
    VILLAGE_COMMITTEE("村民委员会"),
    COOPERATIVE("股份经济合作社");

    private final String nameZh;

    AccountingEntity(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
