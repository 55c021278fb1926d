package cn.sanwu.model.hash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.testing.SeedFromSystemProperty;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(SeedFromSystemProperty.class)
class NoticeHasherTest {

    private final NoticeHasher hasher = NoticeHasher.sha256();

    /**
     * The worked example of docs/canonical-hash.md. Expected value computed independently: the
     * Python dict literal of /docs/canonical-hash.md serialised with
     * {@code json.dumps(tree, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} after
     * NFC-normalising every string, then {@code hashlib.sha256(text.encode("utf-8")).hexdigest()}.
     */
    @Example
    void knownAnswerMatchesPython() {
        String expectedJson = "{\"body\":\"收支明细如下。\\n如有疑问请联系村务监督委员会。\",\"itemCode\":\"F02\","
                + "\"journal\":{\"entity\":\"VILLAGE_COMMITTEE\",\"entries\":[{\"date\":\"2026-11-03\",\"expenseFen\":0,"
                + "\"incomeFen\":5000000,\"summary\":\"收到耕地地力保护补贴\",\"voucherNo\":\"记-0001\"},{\"date\":\"2026-11-15\","
                + "\"expenseFen\":250000,\"incomeFen\":0,\"summary\":\"支付保洁员工资\",\"voucherNo\":\"记-0002\"}],"
                + "\"openingBalanceFen\":1000000},\"noticeId\":\"0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b\",\"period\":\"2026-11\","
                + "\"recipients\":{\"programme\":\"耕地地力保护补贴\",\"rows\":[{\"amountFen\":123456,\"group\":\"一组\","
                + "\"idNumber\":\"11010519491231002X\",\"name\":\"张三\",\"population\":3}]},\"schema\":\"sanwu.notice-content/1\","
                + "\"tables\":[{\"caption\":\"固定资产\",\"columns\":[{\"title\":\"名称\",\"type\":\"TEXT\"},{\"title\":\"原值（分）\","
                + "\"type\":\"MONEY_FEN\"}],\"rows\":[[\"拖拉机\",1234500],[\"仓库\",\"007\"]]}],"
                + "\"title\":\"2026年11月村级财务收支公开\",\"villageCode\":\"330102001001\"}";
        assertThat(CanonicalJson.toText(NoticeHasher.canonicalTree(HashFixtures.NOTICE_ID, HashFixtures.example())))
                .isEqualTo(expectedJson);
        assertThat(hasher.hash(HashFixtures.NOTICE_ID, HashFixtures.example()).toString())
                .isEqualTo("sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff");
    }

    @Example
    void pluggableAlgorithmNamesTheHash() {
        HashAlgorithm fake = new HashAlgorithm() {
            public String name() {
                return "sm3";
            }

            public byte[] digest(byte[] data) {
                return new byte[] {(byte) data.length, 1, 2, 3, 4, 5, 6, 7};
            }
        };
        assertThat(new NoticeHasher(fake).hash(HashFixtures.NOTICE_ID, HashFixtures.example()).algorithm()).isEqualTo("sm3");
    }

    @Property(tries = 200)
    void inputMapOrderDoesNotMatter(@ForAll long seed) {
        Map<String, Object> tree = NoticeHasher.canonicalTree(HashFixtures.NOTICE_ID, HashFixtures.example());
        assertThat(CanonicalJson.toText(shuffled(tree, new Random(seed)))).isEqualTo(CanonicalJson.toText(tree));
    }

    @SuppressWarnings("unchecked")
    private static Object shuffled(Object o, Random random) {
        if (o instanceof Map<?, ?> m) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) m).entrySet());
            Collections.shuffle(entries, random);
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach(e -> out.put(e.getKey(), shuffled(e.getValue(), random)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(x -> shuffled(x, random)).toList();
        }
        return o;
    }

    @Property(tries = 200)
    void nfcAndNfdSpellingsHashTheSame(@ForAll("texts") String text) {
        NoticeContent nfc = withTitle(HashFixtures.example(), Normalizer.normalize(text, Normalizer.Form.NFC));
        NoticeContent nfd = withTitle(HashFixtures.example(), Normalizer.normalize(text, Normalizer.Form.NFD));
        assertThat(hasher.hash(HashFixtures.NOTICE_ID, nfd)).isEqualTo(hasher.hash(HashFixtures.NOTICE_ID, nfc));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> texts() {
        // Chinese, accented Latin (decomposes under NFD), Hangul (decomposes into jamo) and digits.
        return net.jqwik.api.Arbitraries.strings().withChars("村务公开财务é ü ñ Å한국어ｶ1２")
                .withCharRange('\u00c0', '\u00ff').ofMinLength(1).ofMaxLength(30);
    }

    /** Every single-field edit must change the hash: the hash binds approval to exactly this content. */
    @Property(tries = 100)
    void anySingleFieldChangeChangesTheHash(@ForAll @IntRange(min = 0, max = 12) int which) {
        NoticeContent base = HashFixtures.example();
        NoticeContent changed = edits().get(which).apply(base);
        assertThat(changed).isNotEqualTo(base);
        assertThat(hasher.hash(HashFixtures.NOTICE_ID, changed)).isNotEqualTo(hasher.hash(HashFixtures.NOTICE_ID, base));
    }

    @Example
    void allEditsGiveDistinctHashes() {
        Set<ContentHash> seen = new HashSet<>();
        seen.add(hasher.hash(HashFixtures.NOTICE_ID, HashFixtures.example()));
        for (UnaryOperator<NoticeContent> edit : edits()) {
            assertThat(seen.add(hasher.hash(HashFixtures.NOTICE_ID, edit.apply(HashFixtures.example())))).isTrue();
        }
        assertThat(seen.add(hasher.hash(UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6c"), HashFixtures.example())))
                .as("another notice id").isTrue();
    }

    @Example
    void nonCanonicalIntegerCellsStayText() {
        // "007" and "7" are different cell texts; before the fix both hashed as the number 7.
        NoticeContent a = withCell(HashFixtures.example(), "7");
        NoticeContent b = withCell(HashFixtures.example(), "007");
        assertThat(hasher.hash(HashFixtures.NOTICE_ID, a)).isNotEqualTo(hasher.hash(HashFixtures.NOTICE_ID, b));
        assertThat(CanonicalJson.toText(NoticeHasher.canonicalTree(HashFixtures.NOTICE_ID, a))).contains("[\"仓库\",7]");
    }

    @Example
    void absentJournalAndRecipientsAreOmittedNotNull() {
        NoticeContent c = HashFixtures.example();
        NoticeContent bare = new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(), null, null);
        String text = CanonicalJson.toText(NoticeHasher.canonicalTree(HashFixtures.NOTICE_ID, bare));
        assertThat(text).doesNotContain("journal").doesNotContain("recipients").doesNotContain("null");
    }

    private static List<UnaryOperator<NoticeContent>> edits() {
        return List.of(
                c -> withTitle(c, c.title() + " "),
                c -> new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body() + "。", c.tables(), c.journal(), c.recipients()),
                c -> new NoticeContent("330102001002", c.itemCode(), c.period(), c.title(), c.body(), c.tables(), c.journal(), c.recipients()),
                c -> new NoticeContent(c.villageCode(), "F03", c.period(), c.title(), c.body(), c.tables(), c.journal(), c.recipients()),
                c -> new NoticeContent(c.villageCode(), c.itemCode(), Period.parse("2026-10"), c.title(), c.body(), c.tables(), c.journal(), c.recipients()),
                c -> withCell(c, "008"),
                c -> withJournal(c, 0, e -> new LedgerEntry(e.date(), e.voucherNo(), e.summary(), e.incomeFen() + 1, e.expenseFen())),
                c -> withJournal(c, 1, e -> new LedgerEntry(e.date().plusDays(1), e.voucherNo(), e.summary(), e.incomeFen(), e.expenseFen())),
                c -> withJournal(c, 1, e -> new LedgerEntry(e.date(), "记-0003", e.summary(), e.incomeFen(), e.expenseFen())),
                c -> new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(),
                        new CashJournal(c.journal().entity(), c.journal().openingBalanceFen() - 1, c.journal().entries()), c.recipients()),
                c -> new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(),
                        new CashJournal(c.journal().entity(), c.journal().openingBalanceFen(), c.journal().entries().subList(0, 1)), c.recipients()),
                c -> withRecipient(c, r -> new Recipient(r.name(), r.group(), r.population(), r.amountFen() + 1, r.idNumber())),
                c -> withRecipient(c, r -> new Recipient(r.name(), r.group(), r.population(), r.amountFen(), "110105199003071239")));
    }

    private static NoticeContent withTitle(NoticeContent c, String title) {
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), title, c.body(), c.tables(), c.journal(), c.recipients());
    }

    private static NoticeContent withCell(NoticeContent c, String cell) {
        NoticeTable t = c.tables().get(0);
        NoticeTable changed = new NoticeTable(t.caption(), t.columns(), List.of(t.rows().get(0), List.of("仓库", cell)));
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), List.of(changed), c.journal(), c.recipients());
    }

    private static NoticeContent withJournal(NoticeContent c, int line, UnaryOperator<LedgerEntry> edit) {
        List<LedgerEntry> entries = new ArrayList<>(c.journal().entries());
        entries.set(line, edit.apply(entries.get(line)));
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(),
                new CashJournal(c.journal().entity(), c.journal().openingBalanceFen(), entries), c.recipients());
    }

    private static NoticeContent withRecipient(NoticeContent c, UnaryOperator<Recipient> edit) {
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), c.body(), c.tables(), c.journal(),
                new RecipientList(c.recipients().programme(), List.of(edit.apply(c.recipients().recipients().get(0)))));
    }
}
