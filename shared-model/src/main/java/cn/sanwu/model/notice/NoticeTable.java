package cn.sanwu.model.notice;

import java.util.List;

/** A generic table inside a notice (asset lists, expense publicity, …). Rows hold cell text. */
public record NoticeTable(String caption, List<TableColumn> columns, List<List<String>> rows) {

    public NoticeTable {
        caption = caption == null ? "" : caption;
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
