package cn.sanwu.model.notice;

import java.util.Objects;

public record TableColumn(String title, ColumnType type) {
    public TableColumn {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
    }
}
