package cn.sanwu.model.sync.bundle;

import cn.sanwu.model.log.ConsistencyProof;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed header of a bundle file (docs/sync-protocol.md, "USB bundles"). It names who signed
 * the file and what it belongs to, so a file can be refused with a clear reason before its body is
 * read. Fields that do not apply are absent (null).
 *
 * @param protocol        {@code SyncProtocol.VERSION} of the body
 * @param bundleId        UUIDv7 of this file
 * @param deviceId        the village device the file is from (request) or for (reply)
 * @param villageCode     that device's village
 * @param createdAt       when the file was written
 * @param signerKeyId     {@link BundleKeys#keyId} of the key that signed the file
 * @param answers         reply only: the {@code bundleId} of the request it answers
 * @param enrollment      request only, first file of a device enrolled by file: the one-time code and the device key
 * @param serverPublicKey reply only: the server's signing key (base64 X.509), pinned by a device enrolled by file
 * @param codeProof       reply to an enrollment only: {@link BundleKeys#codeProof}
 * @param logSize         request only: the size of the transparency-log checkpoint the PC keeps (absent: none yet)
 * @param log             reply only: the log's newest checkpoint, keys and, from {@code logSize}, a consistency proof
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleHeader(int protocol, UUID bundleId, UUID deviceId, String villageCode, Instant createdAt,
        String signerKeyId, UUID answers, Enrollment enrollment, String serverPublicKey, String codeProof, Long logSize,
        LogEvidence log) {

    /** A device that has never been online asks to be enrolled with the first file it sends. */
    public record Enrollment(String code, String deviceName, String publicKey) {
    }

    /**
     * What a village PC without a connection needs to keep the transparency log honest (ADR 0012,
     * docs/sync-client.md): the same three answers the online check fetches, carried in the signed
     * reply. {@code consistency} is absent when the request had no {@code logSize} or the log is not
     * larger than it.
     */
    public record LogEvidence(String checkpoint, List<String> keys, ConsistencyProof consistency) {
        public LogEvidence {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    public static BundleHeader request(int protocol, UUID bundleId, UUID deviceId, String villageCode, Instant createdAt,
            String signerKeyId, Enrollment enrollment) {
        return new BundleHeader(protocol, bundleId, deviceId, villageCode, createdAt, signerKeyId, null, enrollment, null, null,
                null, null);
    }

    public static BundleHeader reply(int protocol, UUID bundleId, UUID deviceId, String villageCode, Instant createdAt,
            String signerKeyId, UUID answers, String serverPublicKey, String codeProof) {
        return new BundleHeader(protocol, bundleId, deviceId, villageCode, createdAt, signerKeyId, answers, null,
                serverPublicKey, codeProof, null, null);
    }

    public BundleHeader withLogSize(Long size) {
        return new BundleHeader(protocol, bundleId, deviceId, villageCode, createdAt, signerKeyId, answers, enrollment,
                serverPublicKey, codeProof, size, log);
    }

    public BundleHeader withLog(LogEvidence evidence) {
        return new BundleHeader(protocol, bundleId, deviceId, villageCode, createdAt, signerKeyId, answers, enrollment,
                serverPublicKey, codeProof, logSize, evidence);
    }
}
