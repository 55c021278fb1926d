package cn.sanwu.client.notice;

import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.period.Period;

/**
 * The starting title and text of a new notice, from the catalog item, so a clerk fills in facts
 * instead of composing the formal frame of a 公开 every time. Stateless.
 */
public final class NoticeTemplates {

    private NoticeTemplates() {
    }

    public static String title(VillageProfile village, CatalogItem item, Period period) {
        String suffix = switch (item.contentKind()) {
            case RECIPIENT_LIST -> "公示";
            default -> "公开";
        };
        return village.name() + period.displayZh() + stripParenthesis(item.nameZh()) + suffix;
    }

    public static String body(VillageProfile village, CatalogItem item, Period period) {
        String phone = village.supervisionPhone().isBlank() ? "" : "\n监督电话：" + village.supervisionPhone();
        return switch (item.contentKind()) {
            case CASH_JOURNAL -> "现将" + village.name() + period.displayZh() + "财务收支情况公开如下（明细见下表），"
                    + "如有疑问，请在公开期内向村务监督委员会反映。" + phone;
            case RECIPIENT_LIST -> "经村民代表会议评议、村务监督委员会审核，现将" + stripParenthesis(item.nameZh())
                    + "予以公示（身份证号已隐去中间位）。公示期不少于7天，如有异议，请在公示期内反映。" + phone;
            case TEXT -> "根据有关规定，现将" + village.name() + period.displayZh() + stripParenthesis(item.nameZh())
                    + "公开如下：\n\n一、\n\n二、\n\n如有疑问，请在公开期内向村务监督委员会反映。" + phone;
        };
    }

    /** 党组织设置及班子成员分工（附说明） → 党组织设置及班子成员分工 */
    private static String stripParenthesis(String name) {
        int at = name.indexOf('（');
        return at > 0 ? name.substring(0, at) : name;
    }
}
