package cn.sanwu.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.audit.AuditEvent;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.Notices;
import cn.sanwu.server.testing.Publications;
import cn.sanwu.server.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationLedgerTest {

    @TempDir
    Path dir;
    Database db;
    final PublicationLedger ledger = new PublicationLedger();
    final AuditChain audit = new AuditChain();
    final Random random = new Random(5);
    static final UuidV7 IDS = new UuidV7(java.time.Clock.systemUTC());

    @BeforeEach
    void open() {
        db = TestDatabases.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void publishStoresTheRecordTheLeafAndAdvancesTheLogInTheCallersTransaction() {
        UUID id = IDS.next();
        PublicationRequest request = Publications.request(id, 1, Notices.VILLAGE, "219901101201-2026-0001",
                Instant.parse("2026-11-28T08:30:15.250123Z"), random);
        LogLeaf leaf = db.inTransaction(c -> {
            LogLeaf l = ledger.publish(c, request);
            audit.append(c, event(id, request.contentHash(), "PUBLISH"));
            return l;
        });
        assertThat(leaf.publishedAt()).isEqualTo(Instant.parse("2026-11-28T08:30:15.250Z"));
        PublicationLedger.Record stored = db.inTransaction(c -> PublicationLedger.find(c, id, 1)).orElseThrow();
        assertThat(stored.contentJson()).isEqualTo(request.contentJson());
        assertThat(stored.leaf()).isEqualTo(leaf);
        assertThat(stored.leafIndex()).isZero();
        assertThat(db.inTransaction(LedgerHead::read)).extracting(LedgerHead::logSize, LedgerHead::auditSize)
                .containsExactly(1L, 1L);

        // A failing caller rolls back record, leaf and audit row together.
        UUID other = IDS.next();
        assertThatThrownBy(() -> db.inTransaction(c -> {
            ledger.publish(c, Publications.request(other, 1, Notices.VILLAGE, "n-2", Instant.now(), random));
            audit.append(c, event(other, null, "PUBLISH"));
            throw new IllegalStateException("caller fails after publishing");
        })).hasMessageContaining("caller fails");
        assertThat(db.<java.util.Optional<PublicationLedger.Record>>inTransaction(c -> PublicationLedger.find(c, other, 1))).isEmpty();
        assertThat(db.inTransaction(LedgerHead::read)).extracting(LedgerHead::logSize, LedgerHead::auditSize)
                .containsExactly(1L, 1L);
    }

    @Test
    void refusesContentThatDoesNotMatchItsHashAndRepublishingARevision() {
        UUID id = IDS.next();
        PublicationRequest good = Publications.request(id, 1, Notices.VILLAGE, "n-1", Instant.now(), random);
        PublicationRequest wrongHash = new PublicationRequest(id, 1, Notices.VILLAGE, good.contentJson(),
                ContentHash.parse("sha256:" + "ab".repeat(32)), "n-1", "a", good.postingFrom(), null, Instant.now());
        assertThatThrownBy(() -> db.inTransaction(c -> ledger.publish(c, wrongHash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the hash of the content");
        String spaced = good.contentJson().replaceFirst(",", ", ");
        PublicationRequest notCanonical = new PublicationRequest(id, 1, Notices.VILLAGE, spaced, ledger.contentHash(spaced),
                "n-1", "a", good.postingFrom(), null, Instant.now());
        assertThatThrownBy(() -> db.inTransaction(c -> ledger.publish(c, notCanonical)))
                .hasMessageContaining("canonical form");
        UUID stranger = IDS.next();
        PublicationRequest otherNotice = new PublicationRequest(stranger, 1, Notices.VILLAGE, good.contentJson(),
                good.contentHash(), "n-1", "a", good.postingFrom(), null, Instant.now());
        assertThatThrownBy(() -> db.inTransaction(c -> ledger.publish(c, otherNotice)))
                .hasMessageContaining("content is for notice " + id);

        db.inTransaction(c -> ledger.publish(c, good));
        assertThatThrownBy(() -> db.inTransaction(c -> ledger.publish(c, good))).hasMessageContaining("already published");
        assertThat(db.inTransaction(LedgerHead::read).logSize()).isEqualTo(1);
    }

    @Test
    void concurrentPublishersTakeDistinctConsecutiveIndicesAndChainAuditRowsInOrder() throws Exception {
        int threads = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        List<Long> indices = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            long seed = t;
            futures.add(pool.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < each; i++) {
                    UUID id = IDS.next();
                    PublicationRequest request = Publications.request(id, 1, Notices.VILLAGE, "n-" + id, Instant.now(), r);
                    db.inTransaction(c -> {
                        ledger.publish(c, request);
                        audit.append(c, event(id, request.contentHash(), "PUBLISH"));
                        return null;
                    });
                    indices.add(db.inTransaction(c -> PublicationLedger.find(c, id, 1)).orElseThrow().leafIndex());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Set<Long> distinct = new HashSet<>(indices);
        assertThat(distinct).hasSize(threads * each);
        assertThat(Collections.max(indices)).isEqualTo(threads * each - 1L);
        List<AuditChain.StoredEntry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        db.inTransaction(c -> {
            AuditChain.readAll(c, entries::add, unreadable::add);
            return null;
        });
        assertThat(unreadable).isEmpty();
        String prev = AuditChain.GENESIS;
        for (AuditChain.StoredEntry e : entries) {
            assertThat(e.prevHash()).isEqualTo(prev);
            assertThat(audit.entryHash(prev, e.event(), e.seq())).isEqualTo(e.entryHash());
            prev = e.entryHash();
        }
        assertThat(entries).hasSize(threads * each);
    }

    static AuditEvent event(UUID noticeId, ContentHash hash, String action) {
        return new AuditEvent(UUID.randomUUID(), "TOWNSHIP_REVIEWER", action, noticeId, 1, hash, "OK", null, Instant.now());
    }
}
