package cn.sanwu.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdNumberTest {

    @Test
    void checkCharacterKnownAnswers() {
        // 11010519491231002X is the sample printed in GB 11643-1999.
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("11010519900307123")).isEqualTo('9');
        assertThat(IdNumber.checkCharacter("44030419850101001")).isEqualTo('3');
        assertThatThrownBy(() -> IdNumber.checkCharacter("1234")).hasMessageContaining("17位");
        assertThatThrownBy(() -> IdNumber.checkCharacter(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validNumbers() {
        assertThat(IdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(IdNumber.isValid("11010519491231002x")).as("lowercase x").isTrue();
        assertThat(IdNumber.isValid(" 110105199003071239 ")).isTrue();
        String leapDay = "33010220000229123";
        assertThat(IdNumber.isValid(leapDay + IdNumber.checkCharacter(leapDay))).isTrue();
    }

    @Test
    void wrongChecksum() {
        assertThat(IdNumber.problem("110105199003071238")).contains("校验位");
        assertThat(IdNumber.problem("110105194912310021")).contains("校验位");
    }

    @Test
    void badBirthDate() {
        String feb30 = "11010519990230123";
        assertThat(IdNumber.problem(feb30 + IdNumber.checkCharacter(feb30))).contains("出生日期");
        String notLeap = "11010519000229123"; // 1900 was not a leap year
        assertThat(IdNumber.problem(notLeap + IdNumber.checkCharacter(notLeap))).contains("出生日期");
        String tooOld = "11010518000101123";
        assertThat(IdNumber.problem(tooOld + IdNumber.checkCharacter(tooOld))).contains("出生日期");
    }

    @Test
    void wrongLengthOrCharacters() {
        assertThat(IdNumber.problem("1101051990030712")).contains("18位");
        assertThat(IdNumber.problem("1101051990030712391")).contains("18位");
        assertThat(IdNumber.problem("110105490307123")).as("15-digit old IDs are not accepted for new lists").contains("18位");
        assertThat(IdNumber.problem("X10105199003071239")).contains("18位");
        assertThat(IdNumber.problem("")).contains("为空");
        assertThat(IdNumber.problem(null)).contains("为空");
    }
}
