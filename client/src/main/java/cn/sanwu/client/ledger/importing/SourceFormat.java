package cn.sanwu.client.ledger.importing;

/** What the file turned out to be, judged by its bytes rather than its extension. */
public enum SourceFormat {
    XLSX("Excel 工作簿（.xlsx）"),
    CSV("CSV 文本");

    private final String displayZh;

    SourceFormat(String displayZh) {
        this.displayZh = displayZh;
    }

    public String displayZh() {
        return displayZh;
    }
}
