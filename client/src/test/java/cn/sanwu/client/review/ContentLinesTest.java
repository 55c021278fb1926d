package cn.sanwu.client.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentLinesTest {

    @Test
    void diffMarksAddedAndRemovedLinesAndKeepsTheRest() {
        List<String> before = List.of("标题：财务公开", "期间：2026年第三季度", "道路维修 1,000.00", "办公用品 200.00");
        List<String> now = List.of("标题：财务公开", "期间：2026年第三季度", "道路维修 1,200.00", "办公用品 200.00", "合计 1,400.00");

        assertThat(ContentLines.diff(before, now)).containsExactly("  标题：财务公开", "  期间：2026年第三季度",
                "+ 道路维修 1,200.00", "- 道路维修 1,000.00", "  办公用品 200.00", "+ 合计 1,400.00");
    }

    @Test
    void identicalContentHasNoMarks() {
        List<String> same = List.of("a", "b");
        assertThat(ContentLines.diff(same, same)).containsExactly("  a", "  b");
        assertThat(ContentLines.diff(List.of(), List.of("x"))).containsExactly("+ x");
        assertThat(ContentLines.diff(List.of("x"), List.of())).containsExactly("- x");
    }
}
