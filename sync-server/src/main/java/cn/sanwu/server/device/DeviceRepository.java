package cn.sanwu.server.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for devices and enrollment codes, inside the caller's transaction. Stateless. */
final class DeviceRepository {

    void insertCode(Connection c, String codeHash, String villageCode, Instant now, Instant expiresAt, UUID issuedBy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrollment_code(code_hash, village_code, created_at,"
                + " expires_at, issued_by) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, codeHash);
            ps.setString(2, villageCode);
            ps.setObject(3, utc(now));
            ps.setObject(4, utc(expiresAt));
            ps.setObject(5, issuedBy);
            ps.executeUpdate();
        }
    }

    void deleteCode(Connection c, String codeHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM enrollment_code WHERE code_hash = ?")) {
            ps.setString(1, codeHash);
            ps.executeUpdate();
        }
    }

    /**
     * Marks an unused, unexpired code as used by {@code deviceId} and answers its village; the
     * conditional UPDATE makes a code single-use even when two enrollments race.
     */
    Optional<String> claimCode(Connection c, String codeHash, UUID deviceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE enrollment_code SET used_at = ?, device_id = ?"
                + " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, deviceId);
            ps.setString(3, codeHash);
            ps.setObject(4, utc(now));
            if (ps.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT village_code FROM enrollment_code WHERE code_hash = ?")) {
            ps.setString(1, codeHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(rs.getString(1));
            }
        }
    }

    void insertDevice(Connection c, Device device, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device(id, name, village_code, token_hash, enrolled_at, public_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, device.id());
            ps.setString(2, device.name());
            ps.setString(3, device.villageCode());
            ps.setString(4, tokenHash);
            ps.setObject(5, utc(device.enrolledAt()));
            ps.setString(6, device.publicKey());
            ps.executeUpdate();
        }
    }

    Optional<Device> findByTokenHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, village_code, enrolled_at, revoked_at, public_key FROM device WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    Optional<Device> findById(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, village_code, enrolled_at, revoked_at, public_key FROM device WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Sets the key of a device that has none; false if it already has one. */
    boolean setPublicKey(Connection c, UUID id, String publicKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE device SET public_key = ? WHERE id = ? AND public_key IS NULL")) {
            ps.setString(1, publicKey);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    List<Device> list(Connection c) throws SQLException {
        List<Device> devices = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, village_code, enrolled_at, revoked_at, public_key FROM device ORDER BY village_code, enrolled_at");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                devices.add(read(rs));
            }
        }
        return devices;
    }

    boolean revoke(Connection c, UUID id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static Device read(ResultSet rs) throws SQLException {
        OffsetDateTime revoked = rs.getObject(5, OffsetDateTime.class);
        return new Device(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant(), rs.getString(6));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
