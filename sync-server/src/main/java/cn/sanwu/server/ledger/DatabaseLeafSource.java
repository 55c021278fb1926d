package cn.sanwu.server.ledger;

import cn.sanwu.model.log.LeafSource;
import cn.sanwu.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The log's leaf hashes as the {@code log_leaf} table holds them; {@code MerkleTree} builds
 * checkpoints and proofs from it. The size is {@code ledger_head.log_size}, which commits together
 * with the leaves below it. Each call is its own short transaction. Thread-safe.
 */
final class DatabaseLeafSource implements LeafSource {

    private final Database db;

    DatabaseLeafSource(Database db) {
        this.db = db;
    }

    @Override
    public long size() {
        return db.inTransaction(c -> LedgerHead.read(c).logSize());
    }

    @Override
    public byte[] leafHash(long index) {
        return leafHashes(index, index + 1).getFirst();
    }

    @Override
    public List<byte[]> leafHashes(long from, long to) {
        return db.inTransaction(c -> {
            List<byte[]> hashes = new ArrayList<>((int) (to - from));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT leaf_index, leaf_hash FROM log_leaf WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = from;
                    while (rs.next()) {
                        if (rs.getLong(1) != expected) {
                            throw new IllegalStateException("log leaf " + expected + " is missing from the database");
                        }
                        hashes.add(HexFormat.of().parseHex(rs.getString(2)));
                        expected++;
                    }
                    if (expected != to) {
                        throw new IllegalStateException("log leaf " + expected + " is missing from the database");
                    }
                }
            }
            return hashes;
        });
    }
}
