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

    /**
     * Depth in the tree: a region's parent must have a smaller rank. Villages and communities
     * share a rank because both sit directly under a township and neither can contain the other.
     */
    public int rank() {
        return switch (this) {
            case CITY -> 0;
            case COUNTY -> 1;
            case TOWNSHIP -> 2;
            case VILLAGE, COMMUNITY -> 3;
        };
    }

    /** Villages and communities are the units that disclose. */
    public boolean isDisclosingUnit() {
        return this == VILLAGE || this == COMMUNITY;
    }
}
