package cn.sanwu.server.testing;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.audit.AuditEvent;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.ledger.PublicationRequest;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A review history in the ledger: notices submitted, approved and published (with their audit
 * events) by the same calls the review workflow makes, then a signed checkpoint. Test helper.
 */
public final class LedgerFixture {

    public static final Instant START = Instant.parse("2026-10-01T01:00:00Z");

    private LedgerFixture() {
    }

    /**
     * Publishes {@code n} notices into {@code db}, one hour apart, and signs a checkpoint; answers
     * their ids. The first third is logged with leaf schema v1, as a server before ADR 0025 did, the
     * rest with v2: a real log holds both forever.
     */
    public static List<UUID> publish(Database db, ServerConfig config, int n, Random random) {
        return publish(db, config, n, random, START);
    }

    /** As {@link #publish(Database, ServerConfig, int, Random)}, the first publication at {@code start}. */
    public static List<UUID> publish(Database db, ServerConfig config, int n, Random random, Instant start) {
        PublicationLedger ledger = new PublicationLedger();
        PublicationLedger legacy = new PublicationLedger(cn.sanwu.model.hash.Sha256.INSTANCE, MerkleHasher.sha256(), 1);
        AuditChain audit = new AuditChain();
        UuidV7 ids = new UuidV7(Clock.systemUTC());
        UUID clerk = UUID.randomUUID();
        UUID reviewer = UUID.randomUUID();
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = ids.next();
            Instant at = start.plus(Duration.ofHours(i));
            int index = i;
            PublicationRequest request = Publications.request(id, 1, Notices.VILLAGE,
                    Notices.VILLAGE + "-2026-" + String.format("%04d", i + 1), at, random);
            ContentHash hash = request.contentHash();
            db.inTransaction(c -> {
                audit.append(c, new AuditEvent(clerk, "VILLAGE_CLERK", "SUBMIT", id, 1, hash, "OK", null, at.minusSeconds(600)));
                audit.append(c, new AuditEvent(reviewer, "TOWNSHIP_REVIEWER", "APPROVE", id, 1, hash, "OK", "同意公开", at));
                (index < v1Count(n) ? legacy : ledger).publish(c, request);
                audit.append(c, new AuditEvent(reviewer, "TOWNSHIP_REVIEWER", "PUBLISH", id, 1, hash, "OK", null, at));
                return null;
            });
            out.add(id);
        }
        log(db, config).signNow();
        return out;
    }

    /** How many of {@code n} fixture publications have v1 leaves (the first ones). */
    public static int v1Count(int n) {
        return n / 3;
    }

    public static TransparencyLog log(Database db, ServerConfig config) {
        return new TransparencyLog(db, MerkleHasher.sha256(), config.log(), LogSigningKeys.loadOrCreate(config.log()),
                Clock.systemUTC());
    }
}
