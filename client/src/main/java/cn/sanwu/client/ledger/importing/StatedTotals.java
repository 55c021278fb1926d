package cn.sanwu.client.ledger.importing;

/**
 * Figures from a 本月合计/本期合计 row; {@code null} where the cell was empty or unreadable.
 * Pass them to {@code Validation.statedTotals} (or use {@link ImportPreview#checkStatedTotals}).
 */
public record StatedTotals(int lineNo, Long incomeFen, Long expenseFen, Long closingBalanceFen) {
}
