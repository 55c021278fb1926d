package cn.sanwu.model.region;

/** Levels of the administrative region tree a Sanwu deployment covers. */
public enum RegionLevel {
    CITY("市"),
    COUNTY("县(市、区)"),
    TOWNSHIP("乡镇/街道"),
    VILLAGE("村"),
    COMMUNITY("社区");

    private final String nameZh;

    RegionLevel(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    /** Villages and communities are the units that disclose. */
    public boolean isDisclosingUnit() {
        return this == VILLAGE || this == COMMUNITY;
    }
}
