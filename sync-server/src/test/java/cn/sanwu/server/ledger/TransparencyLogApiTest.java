package cn.sanwu.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.CheckpointVerification;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.ConsistencyProof;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.MerkleVerifier;
import cn.sanwu.model.log.PublishedNoticeVerifier;
import cn.sanwu.server.testing.LogClient;
import cn.sanwu.server.testing.Notices;
import cn.sanwu.server.testing.Publications;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public log routes over real HTTP on loopback, checked with shared-model verifiers only. */
class TransparencyLogApiTest {

    @TempDir
    Path dir;
    final UuidV7 ids = new UuidV7(Clock.systemUTC());
    final Random random = new Random(11);
    final PublicationLedger ledger = new PublicationLedger();

    @Test
    void checkpointsInclusionAndConsistencyProofsVerifyWithSharedModelCode() {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            LogClient client = new LogClient(server.server().port());
            CheckpointVerifier verifier = client.verifier(server.server().log().origin());

            // The empty log has a signed checkpoint too.
            CheckpointVerification empty = verifier.verify(client.checkpoint());
            assertThat(empty.isValid()).as(empty.detail()).isTrue();
            assertThat(empty.checkpoint().treeSize()).isZero();

            List<UUID> notices = publish(server, 20);
            CheckpointVerification first = verifier.verify(client.checkpoint());
            assertThat(first.isValid()).isTrue();
            assertThat(first.checkpoint().treeSize()).isEqualTo(20);

            PublishedNoticeVerifier qr = new PublishedNoticeVerifier(MerkleHasher.sha256(), verifier);
            for (UUID id : notices) {
                TransparencyLog.Inclusion inc = client.inclusion(id, null);
                assertThat(inc.latestRevision()).isEqualTo(1);
                PublishedNoticeVerifier.Result result = qr.verify(id, inc.leaf().contentHash(), inc.leaf(), inc.proof(),
                        inc.checkpoint());
                assertThat(result.isVerified()).as(result.detail()).isTrue();
            }

            // A second revision of one notice: both stay provable, the page learns the newest.
            publishRevisionOf(server, notices.getFirst(), 2);
            publish(server, 6);
            CheckpointVerification second = verifier.verify(client.checkpoint());
            assertThat(second.checkpoint().treeSize()).isEqualTo(27);
            TransparencyLog.Inclusion old = client.inclusion(notices.getFirst(), 1);
            assertThat(old.latestRevision()).isEqualTo(2);
            assertThat(qr.verify(notices.getFirst(), old.leaf().contentHash(), old.leaf(), old.proof(), old.checkpoint())
                    .isVerified()).isTrue();

            Checkpoint a = first.checkpoint();
            Checkpoint b = second.checkpoint();
            ConsistencyProof proof = client.consistency(a.treeSize(), b.treeSize());
            MerkleVerifier merkle = new MerkleVerifier(MerkleHasher.sha256());
            assertThat(merkle.verifyConsistency(proof, a.rootHash(), b.rootHash()).isValid()).isTrue();
            byte[] forged = a.rootHash();
            forged[0] ^= 1;
            assertThat(merkle.verifyConsistency(proof, forged, b.rootHash()).isValid()).isFalse();

            LogClient.Response published = client.get("/api/v1/published/" + notices.getFirst());
            assertThat(published.status()).isEqualTo(200);
            assertThat(published.body()).contains("2026年第三季度财务公开", "\"revision\":2", "\"publicationNumber\"")
                    .doesNotContain("上级补助", "道路维修"); // facts and title only, no content
            // One hash format on every public route: the QR's text form, never {"algorithm","hex"} (ADR 0026).
            String hash = old.leaf().contentHash().toString();
            assertThat(hash).matches("sha256:[0-9a-f]{64}");
            assertThat(published.body()).contains("\"contentHash\":\"" + hash + "\"").doesNotContain("\"algorithm\"");
            assertThat(client.get("/api/v1/log/inclusion?notice=" + notices.getFirst() + "&revision=1").body())
                    .contains("\"contentHash\":\"" + hash + "\"").doesNotContain("\"algorithm\"");
        }
    }

    @Test
    void badRequestsGetAClearRefusal() {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            LogClient client = new LogClient(server.server().port());
            publish(server, 3);
            assertThat(client.get("/api/v1/log/inclusion?notice=not-a-uuid")).extracting(LogClient.Response::status)
                    .isEqualTo(400);
            LogClient.Response unknown = client.get("/api/v1/log/inclusion?notice=" + UUID.randomUUID());
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.body()).contains("NOT_PUBLISHED", "没有这条公开记录");
            assertThat(client.get("/api/v1/log/consistency?from=3&to=2").status()).isEqualTo(400);
            assertThat(client.get("/api/v1/log/consistency?from=0&to=99").status()).isEqualTo(400);
            assertThat(client.get("/api/v1/log/consistency?from=-1&to=2").status()).isEqualTo(400);
            assertThat(client.get("/api/v1/published/" + UUID.randomUUID()).status()).isEqualTo(422);
        }
    }

    @Test
    void refusesToSignOverALogRewrittenBelowItsLastCheckpoint() throws Exception {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            publish(server, 5);
            TransparencyLog log = server.server().log();
            long size = log.signNow().treeSize();
            assertThat(size).isEqualTo(5);
            server.server().database().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    if (!TestDatabases.onPostgres()) {
                        s.executeUpdate("UPDATE log_leaf SET leaf_hash = '" + "00".repeat(32) + "' WHERE leaf_index = 2");
                    } else {
                        s.execute("ALTER TABLE log_leaf DISABLE TRIGGER USER");
                        s.executeUpdate("UPDATE log_leaf SET leaf_hash = '" + "00".repeat(32) + "' WHERE leaf_index = 2");
                        s.execute("ALTER TABLE log_leaf ENABLE TRIGGER USER");
                    }
                }
                return null;
            });
            publish(server, 1);
            // A fresh log (another instance, or a restart) has no cache hiding the change.
            TransparencyLog fresh = new TransparencyLog(server.server().database(), MerkleHasher.sha256(),
                    TestDatabases.config(dir).log(), log.keys(), Clock.systemUTC());
            assertThatThrownBy(fresh::signNow).hasMessageContaining("refusing to sign");
        }
    }

    private List<UUID> publish(TestServer server, int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = ids.next();
            publishRevisionOf(server, id, 1);
            out.add(id);
        }
        return out;
    }

    private void publishRevisionOf(TestServer server, UUID id, int revision) {
        PublicationRequest request = Publications.request(id, revision, Notices.VILLAGE,
                Notices.VILLAGE + "-2026-" + id.toString().substring(24), Instant.now(), random);
        server.server().database().inTransaction(c -> ledger.publish(c, request));
    }
}
