package cn.sanwu.model.catalog;

import cn.sanwu.model.region.RegionLevel;

/** Whether a catalog item is required of villages (村), communities (社区) or both. */
public enum AppliesTo {
    VILLAGE,
    COMMUNITY,
    BOTH;

    public boolean appliesTo(RegionLevel level) {
        return switch (this) {
            case VILLAGE -> level == RegionLevel.VILLAGE;
            case COMMUNITY -> level == RegionLevel.COMMUNITY;
            case BOTH -> level == RegionLevel.VILLAGE || level == RegionLevel.COMMUNITY;
        };
    }
}
