package cn.sanwu.client.app;

import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.village.VillageService;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Deadlines;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.model.validation.IdNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A fictional city with one county, two townships and a few villages, and some work in progress
 * for 红旗村, so that a newcomer can try the whole flow at once. Codes use the 99 city number,
 * which no real division uses. Runs once, on an empty demo database.
 */
public final class DemoData {

    public static final String CITY = "219900000000";
    public static final String COUNTY = "219901000000";
    public static final String TOWNSHIP = "219901101000";
    public static final String VILLAGE = "219901101201";

    private DemoData() {
    }

    public static List<Region> regions() {
        return List.of(
                new Region(CITY, "示例市", RegionLevel.CITY, null),
                new Region(COUNTY, "示例县", RegionLevel.COUNTY, CITY),
                new Region(TOWNSHIP, "红旗镇", RegionLevel.TOWNSHIP, COUNTY),
                new Region(VILLAGE, "红旗村", RegionLevel.VILLAGE, TOWNSHIP),
                new Region("219901101202", "新民村", RegionLevel.VILLAGE, TOWNSHIP),
                new Region("219901101001", "镇中社区", RegionLevel.COMMUNITY, TOWNSHIP),
                new Region("219901102000", "五一乡", RegionLevel.TOWNSHIP, COUNTY),
                new Region("219901102201", "前进村", RegionLevel.VILLAGE, "219901102000"));
    }

    /** Seeds regions, chooses 红旗村 and drafts a few notices; does nothing if a village is chosen already. */
    public static void seedIfEmpty(VillageService villages, NoticeService notices, Catalog catalog, LocalDate today) {
        if (villages.profile().isPresent()) {
            return;
        }
        villages.saveRegions(regions());
        var tree = villages.regions();
        villages.choose(VillageService.profileFor(tree, tree.find(VILLAGE).orElseThrow(), "0421-1234567"));

        CatalogItem ledgerItem = catalog.find("F02").orElseThrow();
        Period lastMonth = Deadlines.latestEnded(ledgerItem.frequency(), today);
        Period monthBefore = lastMonth.previous();
        LocalDate d = monthBefore.start();
        CashJournal earlier = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 8_652_030, List.of(
                new LedgerEntry(d.plusDays(2), "记-001", "收到镇财政所拨付村级组织运转经费", 3_500_000, 0),
                new LedgerEntry(d.plusDays(6), "记-002", "支付村部电费", 0, 128_650),
                new LedgerEntry(d.plusDays(14), "记-003", "支付村干部误工补贴", 0, 1_200_000)));
        Notice n = notices.newDraft(VILLAGE, ledgerItem, monthBefore, "红旗村" + monthBefore.displayZh() + "财务收支明细公开", "");
        notices.save(withContent(n, earlier, null));

        LocalDate m = lastMonth.start();
        List<LedgerEntry> lines = new ArrayList<>(List.of(
                new LedgerEntry(m.plusDays(1), "记-001", "收到耕地地力保护补贴代发手续费", 86_000, 0),
                new LedgerEntry(m.plusDays(3), "记-002", "支付村内水泥路维修材料款（水泥20吨）", 0, 1_160_000),
                new LedgerEntry(m.plusDays(7), "记-003", "收到集体机动地承包费", 4_800_000, 0),
                new LedgerEntry(m.plusDays(9), "记-004", "支付村部办公用品", 0, 43_580),
                new LedgerEntry(m.plusDays(15), "记-005", "支付环境卫生保洁员工资", 0, 360_000),
                new LedgerEntry(m.plusDays(20), "记-006", "收到上级拨付美丽乡村建设补助资金", 10_000_000, 0),
                new LedgerEntry(m.plusDays(24), "记-007", "支付文化广场路灯安装款", 0, 2_735_000)));
        CashJournal last = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, earlier.closingBalanceFen(), lines);
        Notice ledgerNotice = notices.newDraft(VILLAGE, ledgerItem, lastMonth, "红旗村" + lastMonth.displayZh() + "财务收支明细公开",
                "本月收支情况如下，如有疑问请在公示期内向村务监督委员会反映。");
        notices.save(withContent(ledgerNotice, last, null));

        CatalogItem subsidy = catalog.find("V22").orElseThrow();
        Period quarter = Deadlines.latestEnded(subsidy.frequency(), today);
        RecipientList recipients = new RecipientList("耕地地力保护补贴", List.of(
                new Recipient("王建国", "一组", 4, 152_300, demoId("21990119650312001")),
                new Recipient("李秀兰", "一组", 2, 88_760, demoId("21990119720805002")),
                new Recipient("张德顺", "三组", 5, 203_150, demoId("21990119581120003"))));
        Notice list = notices.newDraft(VILLAGE, subsidy, quarter, "红旗村" + quarter.displayZh() + "耕地地力保护补贴发放名单公示", "");
        notices.save(withContent(list, null, recipients));

        CatalogItem dues = catalog.find("P04").orElseThrow();
        notices.save(notices.newDraft(VILLAGE, dues, Deadlines.latestEnded(dues.frequency(), today),
                "红旗村党支部党费收缴情况", "本季度应缴党费党员32名，实缴32名，收缴党费合计1,860.00元，已全额上缴镇党委。"));

        CatalogItem water = catalog.find("V28").orElseThrow();
        notices.fileNotDisclosed(VILLAGE, water, Deadlines.latestEnded(water.frequency(), today),
                "本村自来水、电费均由供水公司和供电所直接向农户收取，村集体不经手。");
    }

    private static String demoId(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    private static Notice withContent(Notice n, CashJournal journal, RecipientList recipients) {
        NoticeContent c = n.content();
        return n.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(),
                journal, recipients));
    }

    /**
     * Demo only: enrolls with the demo sync server the README's run command starts on
     * {@link cn.sanwu.client.sync.SyncService#DEMO_SERVER} (fixed code DEMO-2199), so the clerk sees
     * sync work at once. Without that server the demo simply stays offline.
     */
    public static void enrollWithLocalDemoServer(AppContext ctx) {
        var sync = ctx.syncService();
        if (sync.enrolled()) {
            return;
        }
        String problem = "";
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                sync.enroll(cn.sanwu.client.sync.SyncService.DEMO_SERVER, cn.sanwu.client.sync.SyncService.DEMO_CODE,
                        "演示电脑", VILLAGE);
                System.err.println("演示：已登记到本机同步服务器 " + cn.sanwu.client.sync.SyncService.DEMO_SERVER);
                return;
            } catch (java.io.IOException e) {
                problem = e.getMessage(); // not listening yet: the server starts beside the client
            } catch (cn.sanwu.client.sync.SyncTransport.Refused | RuntimeException e) {
                problem = e.getMessage();
                break;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("演示同步服务器未连接（" + problem + "），本次演示离线运行。");
    }
}
