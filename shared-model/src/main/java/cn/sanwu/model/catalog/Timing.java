package cn.sanwu.model.catalog;

/** 固定 (standing content), 定期 (periodic) or 即时 (as soon as it happens). */
public enum Timing {
    FIXED("固定"),
    PERIODIC("定期"),
    IMMEDIATE("即时");

    private final String nameZh;

    Timing(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
