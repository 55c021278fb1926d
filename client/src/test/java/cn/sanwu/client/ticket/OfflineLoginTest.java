package cn.sanwu.client.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline opening of an account's ticket cache needs the password it last used online here
 * (ADR 0029); the PC keeps a salted PBKDF2 verifier, never the password or a session token.
 */
class OfflineLoginTest {

    @TempDir
    Path dir;

    @Test
    void onlyThePasswordLastUsedOnlineOpensTheAccountsCache() {
        try (Database db = Database.open(dir, Durability.SAFE)) {
            OfflineLogin login = new OfflineLogin(db);
            assertThat(login.matches("wang.fang", "old-password")).as("never logged in online here").isFalse();
            login.remember("wang.fang", "old-password", Instant.parse("2026-11-29T08:00:00Z"));
            assertThat(login.matches("wang.fang", "old-password")).isTrue();
            assertThat(login.matches("wang.fang", "old-passworD")).isFalse();
            assertThat(login.matches("li.si", "old-password")).isFalse();
            login.remember("wang.fang", "new-password", Instant.parse("2026-11-30T08:00:00Z")); // changed on the server
            assertThat(login.matches("wang.fang", "old-password")).isFalse();
            assertThat(login.matches("wang.fang", "new-password")).isTrue();

            byte[] row = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT salt || verifier FROM ticket_login");
                        var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            });
            assertThat(new String(row, StandardCharsets.ISO_8859_1)).doesNotContain("new-password");
            int tables = db.read(c -> {
                try (var rs = c.getMetaData().getColumns(null, null, "TICKET_LOGIN", "%")) {
                    int n = 0;
                    while (rs.next()) {
                        assertThat(rs.getString("COLUMN_NAME")).doesNotContainIgnoringCase("token");
                        n++;
                    }
                    return n;
                }
            });
            assertThat(tables).isEqualTo(5);
        }
    }
}
