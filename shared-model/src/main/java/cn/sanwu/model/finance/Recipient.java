package cn.sanwu.model.finance;

/**
 * One row of a recipient list (惠农补贴, 低保 …). The ID number is stored in full for internal use
 * and must pass {@link cn.sanwu.model.mask.Masking} before any public output.
 */
public record Recipient(String name, String group, int population, long amountFen, String idNumber) {

    public Recipient {
        name = name == null ? "" : name.strip();
        group = group == null ? "" : group.strip();
        idNumber = idNumber == null ? "" : idNumber.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
