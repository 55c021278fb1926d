package cn.sanwu.client.ui;

import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Makes a TableView behave like the spreadsheet a bookkeeper is used to: type to start editing,
 * Tab/Shift+Tab move across and Enter moves down (committing the cell), a new row appears when
 * Enter or Tab leaves the last one, Esc cancels, leaving a cell commits it (never drops typing).
 */
public final class GridEditing {

    private GridEditing() {
    }

    /** A column whose cells edit the {@code StringProperty} of a row. */
    public static <R> TableColumn<R, String> textColumn(String title, Function<R, StringProperty> cell, double width) {
        TableColumn<R, String> col = new TableColumn<>(title);
        col.setCellValueFactory(data -> cell.apply(data.getValue()));
        col.setCellFactory(c -> new EditingCell<>());
        col.setPrefWidth(width);
        col.setSortable(false);
        return col;
    }

    /**
     * Installs keyboard navigation on {@code table}; {@code editableColumns} are the first columns
     * that can be edited; {@code addRow} appends a row and returns it.
     */
    public static <R> void install(TableView<R> table, int editableColumns, Supplier<R> addRow) {
        table.getProperties().put(ADD_ROW_KEY, addRow);
        table.setEditable(true);
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (table.getEditingCell() != null) {
                return;
            }
            TablePosition<R, ?> pos = table.getFocusModel().getFocusedCell();
            if (pos == null || pos.getTableColumn() == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.F2) {
                table.edit(pos.getRow(), col(table, pos.getColumn()));
                e.consume();
            } else if (e.getCode() == KeyCode.TAB) {
                move(table, pos.getRow(), pos.getColumn(), e.isShiftDown() ? -1 : 1, 0, editableColumns, addRow, false);
                e.consume();
            }
        });
        table.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (table.getEditingCell() != null || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
                return;
            }
            String ch = e.getCharacter();
            if (ch.isEmpty() || ch.charAt(0) < 0x20 || ch.charAt(0) == 0x7f) {
                return;
            }
            TablePosition<R, ?> pos = table.getFocusModel().getFocusedCell();
            if (pos != null && pos.getColumn() >= 0 && pos.getColumn() < editableColumns) {
                EditingCell.pendingFirstKey = ch;
                table.edit(pos.getRow(), col(table, pos.getColumn()));
                e.consume();
            }
        });
    }

    /**
     * Commits the text of the cell being edited in {@code table}, if any. Saving with Ctrl+S or
     * closing the window does not move the focus, so without this the typing in the open cell
     * would not reach the row (and would be lost on close).
     */
    public static void commitOpenEdit(TableView<?> table) {
        if (table.getProperties().get(EDITING_CELL_KEY) instanceof EditingCell<?> cell && cell.isEditing()) {
            int row = cell.getIndex();
            int column = table.getVisibleLeafColumns().indexOf(cell.getTableColumn());
            cell.commitOpen();
            // The editor's text field leaves the scene: keep the keyboard on the same cell, as a
            // spreadsheet does after saving, instead of letting the focus fall to the window.
            keepFocusOn(table, row, column);
        }
    }

    private static <R> void keepFocusOn(TableView<R> table, int row, int column) {
        if (row < 0 || column < 0 || table.getScene() == null) {
            return;
        }
        table.getSelectionModel().clearAndSelect(row, col(table, column));
        table.getFocusModel().focus(row, col(table, column));
        table.requestFocus();
    }

    /** Appends a row through {@code addRow} and puts the keyboard on its first cell, ready to type. */
    public static <R> void addRowAndFocus(TableView<R> table, Supplier<R> addRow) {
        addRow.get();
        int row = table.getItems().size() - 1;
        table.getSelectionModel().clearAndSelect(row, col(table, 0));
        table.getFocusModel().focus(row, col(table, 0));
        table.scrollTo(row);
        table.requestFocus();
    }

    @SuppressWarnings("unchecked")
    private static <R> TableColumn<R, ?> col(TableView<R> table, int index) {
        return (TableColumn<R, ?>) table.getVisibleLeafColumns().get(index);
    }

    static <R> void move(TableView<R> table, int row, int column, int dx, int dy, int editableColumns, Supplier<R> addRow,
            boolean startEditing) {
        int r = row + dy;
        int c = column + dx;
        if (c >= editableColumns) {
            c = 0;
            r++;
        } else if (c < 0) {
            c = editableColumns - 1;
            r--;
        }
        if (r < 0) {
            r = 0;
        }
        if (r >= table.getItems().size()) {
            addRow.get();
        }
        int targetRow = r;
        int targetCol = c;
        table.getSelectionModel().clearAndSelect(targetRow, col(table, targetCol));
        table.getFocusModel().focus(targetRow, col(table, targetCol));
        table.scrollTo(Math.max(0, targetRow - 3));
        if (startEditing) {
            Platform.runLater(() -> table.edit(targetRow, col(table, targetCol)));
        }
    }

    /** A text cell that commits on Enter, Tab and focus loss. */
    static final class EditingCell<R> extends TableCell<R, String> {
        /** The key that started editing, typed into the fresh editor (spreadsheet behaviour). */
        static String pendingFirstKey;
        private TextField field;
        private boolean appendNextKey;

        @Override
        public void startEdit() {
            if (!isEditable() || !getTableView().isEditable() || !getTableColumn().isEditable()) {
                return;
            }
            if (isEditing() && field != null && getGraphic() == field) {
                // TableView may call startEdit again for the cell it is already editing; resetting
                // the text here would drop the keystroke that started the edit.
                return;
            }
            super.startEdit();
            if (!isEditing()) {
                return;
            }
            getTableView().getProperties().put(EDITING_CELL_KEY, this);
            if (field == null) {
                field = new TextField();
                field.setOnAction(e -> {
                    commitAndMove(0, 1);
                    e.consume();
                });
                field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE) {
                        cancelEdit();
                        e.consume();
                    } else if (e.getCode() == KeyCode.TAB) {
                        commitAndMove(e.isShiftDown() ? -1 : 1, 0);
                        e.consume();
                    }
                });
                // Typing continues after the key that started the edit: whatever the focus handling
                // selected meanwhile, the next keystroke must append, not replace.
                field.addEventFilter(KeyEvent.KEY_TYPED, e -> {
                    if (appendNextKey) {
                        appendNextKey = false;
                        field.deselect();
                        field.end();
                    }
                });
                field.focusedProperty().addListener((o, was, now) -> {
                    if (!now && isEditing()) {
                        commitEdit(field.getText());
                    }
                });
            }
            String first = pendingFirstKey;
            pendingFirstKey = null;
            appendNextKey = first != null;
            field.setText(first != null ? first : getItem() == null ? "" : getItem());
            setText(null);
            setGraphic(field);
            field.requestFocus();
            // TextField selects all when it gains focus; that would make the next keystroke replace
            // the first one, so place the caret after the focus handling has run.
            Platform.runLater(() -> {
                if (first != null) {
                    field.deselect();
                    field.end();
                } else {
                    field.selectAll();
                }
            });
        }

        void commitOpen() {
            commitEdit(field.getText());
        }

        @Override
        public void commitEdit(String value) {
            forgetAsEditing();
            super.commitEdit(value);
        }

        private void forgetAsEditing() {
            TableView<R> table = getTableView();
            if (table != null && table.getProperties().get(EDITING_CELL_KEY) == this) {
                table.getProperties().remove(EDITING_CELL_KEY);
            }
        }

        private void commitAndMove(int dx, int dy) {
            TableView<R> table = getTableView();
            int row = getIndex();
            int column = table.getVisibleLeafColumns().indexOf(getTableColumn());
            commitEdit(field.getText());
            int editable = (int) table.getVisibleLeafColumns().stream().filter(TableColumn::isEditable).count();
            @SuppressWarnings("unchecked")
            Supplier<R> add = (Supplier<R>) table.getProperties().get(ADD_ROW_KEY);
            move(table, row, column, dx, dy, editable, add == null ? () -> null : add, false);
            table.requestFocus();
        }

        @Override
        public void cancelEdit() {
            forgetAsEditing();
            super.cancelEdit();
            setText(getItem());
            setGraphic(null);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty) {
                setText(null);
                setGraphic(null);
            } else if (isEditing()) {
                setText(null);
                setGraphic(field);
            } else {
                setText(item);
                setGraphic(null);
            }
        }
    }

    /** Table property under which {@link #install} stores the add-row supplier for the cells. */
    public static final String ADD_ROW_KEY = "sanwu.addRow";

    /** Table property holding the cell whose editor is open, for {@link #commitOpenEdit}. */
    private static final String EDITING_CELL_KEY = "sanwu.editingCell";
}
