package cn.sanwu.client.village;

import cn.sanwu.model.region.RegionLevel;

/** The village (or community) this workstation keeps, with the names printed on sheets. */
public record VillageProfile(String code, String name, RegionLevel level, String townshipName, String countyName,
        String cityName, String supervisionPhone) {

    /** e.g. 示例县红旗镇红旗村 */
    public String fullName() {
        return countyName + townshipName + name;
    }
}
