package cn.sanwu.model.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionTreeTest {

    private static final Region CITY = new Region("330100000000", "杭州市", RegionLevel.CITY, null);
    private static final Region COUNTY = new Region("330102000000", "上城区", RegionLevel.COUNTY, "330100000000");
    private static final Region TOWN = new Region("330102001000", "某街道", RegionLevel.TOWNSHIP, "330102000000");
    private static final Region VILLAGE = new Region("330102001201", "某村", RegionLevel.VILLAGE, "330102001000");
    private static final Region COMMUNITY = new Region("330102001001", "某社区", RegionLevel.COMMUNITY, "330102001000");
    private static final Region TOWN2 = new Region("330102002000", "另一镇", RegionLevel.TOWNSHIP, "330102000000");
    private static final Region VILLAGE2 = new Region("330102002201", "另一村", RegionLevel.VILLAGE, "330102002000");

    private static RegionTree tree() {
        return RegionTree.of(List.of(CITY, COUNTY, TOWN, VILLAGE, COMMUNITY, TOWN2, VILLAGE2));
    }

    @Test
    void codesMustHaveTwelveDigits() {
        assertThat(Region.isValidCode("330102001001")).isTrue();
        for (String bad : new String[] {"33010200100", "3301020010011", "33010200100a", "３３０１０２００１００１", "", null}) {
            assertThat(Region.isValidCode(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new Region(bad, "x", RegionLevel.VILLAGE, null)).hasMessageContaining("12位数字");
        }
        assertThatThrownBy(() -> new Region("330102001001", "x", RegionLevel.VILLAGE, "3301")).hasMessageContaining("上级");
    }

    @Test
    void rejectsDuplicatesAndUnknownParents() {
        assertThatThrownBy(() -> RegionTree.of(List.of(CITY, new Region("330100000000", "重复", RegionLevel.CITY, null))))
                .hasMessageContaining("重复").hasMessageContaining("330100000000");
        assertThatThrownBy(() -> RegionTree.of(List.of(CITY, VILLAGE))).hasMessageContaining("某村").hasMessageContaining("不存在");
    }

    @Test
    void levelsMustDescend() {
        // A deployment may be rooted at a township; parentless regions are roots.
        Region rootTown = new Region(TOWN.code(), TOWN.name(), RegionLevel.TOWNSHIP, null);
        assertThatThrownBy(() -> RegionTree.of(List.of(rootTown, new Region("330102000000", "县", RegionLevel.COUNTY, "330102001000"))))
                .hasMessageContaining("不能隶属于");
        assertThatThrownBy(() -> RegionTree.of(List.of(rootTown, new Region("330102001999", "镇", RegionLevel.TOWNSHIP, "330102001000"))))
                .hasMessageContaining("不能隶属于");
        // A community under a village passed the first version (ordinal order put COMMUNITY below VILLAGE).
        assertThatThrownBy(() -> RegionTree.of(List.of(rootTown, VILLAGE, new Region("330102001002", "社区", RegionLevel.COMMUNITY, VILLAGE.code()))))
                .hasMessageContaining("社区").hasMessageContaining("不能隶属于");
        assertThatThrownBy(() -> RegionTree.of(List.of(rootTown, COMMUNITY, new Region("330102001202", "村", RegionLevel.VILLAGE, COMMUNITY.code()))))
                .hasMessageContaining("不能隶属于");
        assertThatThrownBy(() -> RegionTree.of(List.of(new Region("330102001000", "自己", RegionLevel.TOWNSHIP, "330102001000"))))
                .hasMessageContaining("不能隶属于");
        // A township directly under a city (cities without counties) is allowed.
        assertThat(RegionTree.of(List.of(CITY, new Region("330100001000", "镇", RegionLevel.TOWNSHIP, CITY.code()))).all()).hasSize(2);
    }

    @Test
    void pathToAndIsWithin() {
        RegionTree t = tree();
        assertThat(t.pathTo(VILLAGE.code())).containsExactly(CITY, COUNTY, TOWN, VILLAGE);
        assertThat(t.pathTo(CITY.code())).containsExactly(CITY);
        assertThat(t.pathTo("999999999999")).isEmpty();
        assertThat(t.isWithin(VILLAGE.code(), TOWN.code())).isTrue();
        assertThat(t.isWithin(VILLAGE.code(), VILLAGE.code())).isTrue();
        assertThat(t.isWithin(VILLAGE.code(), CITY.code())).isTrue();
        assertThat(t.isWithin(VILLAGE.code(), TOWN2.code())).as("sibling township").isFalse();
        assertThat(t.isWithin(TOWN.code(), VILLAGE.code())).as("ancestor is not within child").isFalse();
        assertThat(t.isWithin("999999999999", CITY.code())).isFalse();
        assertThat(t.children(TOWN.code())).containsExactly(VILLAGE, COMMUNITY);
        assertThat(t.children(VILLAGE.code())).isEmpty();
        assertThat(t.disclosingUnits()).containsExactly(VILLAGE, COMMUNITY, VILLAGE2);
        assertThat(t.find(TOWN2.code())).contains(TOWN2);
    }

    @Test
    void treeDoesNotDependOnInputOrderAndIsImmutable() {
        List<Region> reversed = new ArrayList<>(List.of(CITY, COUNTY, TOWN, VILLAGE, COMMUNITY, TOWN2, VILLAGE2));
        java.util.Collections.reverse(reversed);
        RegionTree t = RegionTree.of(reversed);
        assertThat(t.pathTo(VILLAGE2.code())).containsExactly(CITY, COUNTY, TOWN2, VILLAGE2);
        assertThatThrownBy(() -> t.children(TOWN.code()).add(VILLAGE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
