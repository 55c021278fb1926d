package cn.sanwu.model.catalog;

/** The three disclosure categories of 阳光三务. */
public enum Category {
    PARTY("党务"),
    VILLAGE_AFFAIRS("村(居)务"),
    FINANCE("财务");

    private final String nameZh;

    Category(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
