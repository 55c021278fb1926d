package cn.sanwu.model.log;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tree heads, proofs and checkpoints for a log of N publications (default 100,000). Run with
 * {@code bench/merkle.sh [N]}; numbers go to docs/benchmarks.md. Not a test: nothing here asserts
 * timings, which are noise on a shared machine.
 */
public final class MerkleBenchmark {

    private static final int PROOFS = 10_000;

    /** Counts leaf reads, as a database-backed source would count queries and rows. */
    private static final class CountingSource implements LeafSource {
        final InMemoryLeafSource inner = new InMemoryLeafSource();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong calls = new AtomicLong();

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public byte[] leafHash(long index) {
            calls.incrementAndGet();
            rows.incrementAndGet();
            return inner.leafHash(index);
        }

        @Override
        public List<byte[]> leafHashes(long from, long to) {
            calls.incrementAndGet();
            rows.addAndGet(to - from);
            return inner.leafHashes(from, to);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MerkleHasher hasher = MerkleHasher.sha256();
        Random random = new Random(42);
        System.out.printf("leaves: %,d; %,d random proofs per measurement; %s%n", n, PROOFS, Runtime.version());

        CountingSource source = new CountingSource();
        long t0 = System.nanoTime();
        Instant publishedAt = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            ContentHash content = ContentHash.of(Sha256.INSTANCE, Sha256.INSTANCE.digest(("notice " + i).getBytes(StandardCharsets.UTF_8)));
            LogLeaf leaf = new LogLeaf(new UUID(0x0190a6b23c4d7e8fL, i), 1, content, "330102001001-2026-" + i,
                    publishedAt.plusSeconds(i));
            source.inner.append(leaf.leafHash(hasher));
        }
        System.out.printf("leaf entries built and hashed (canonical JSON + SHA-256): %.0f ms%n", ms(System.nanoTime() - t0));

        for (int level : new int[] {MerkleTree.DEFAULT_MIN_CACHED_LEVEL, 1, 8}) {
            MerkleTree tree = new MerkleTree(hasher, source, level);
            measure("cache from level " + level, tree, source, random, n);
        }
        MerkleTree uncached = new MerkleTree(hasher, source, 62);
        source.rows.set(0);
        long u0 = System.nanoTime();
        int uncachedProofs = 20;
        for (int i = 0; i < uncachedProofs; i++) {
            uncached.inclusionProof(random.nextLong(n), n);
        }
        System.out.printf("no cache: %.1f ms per inclusion proof, %,d leaf rows read per proof%n",
                ms(System.nanoTime() - u0) / uncachedProofs, source.rows.get() / uncachedProofs);

        MerkleTree tree = new MerkleTree(hasher, source);
        MerkleVerifier verifier = new MerkleVerifier(hasher);
        byte[] root = tree.rootHash(n);
        long[] verify = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long index = random.nextLong(n);
            InclusionProof proof = tree.inclusionProof(index, n);
            byte[] leaf = source.inner.leafHash(index);
            long v0 = System.nanoTime();
            if (!verifier.verifyInclusion(leaf, proof, root).isValid()) {
                throw new IllegalStateException("proof did not verify");
            }
            verify[i] = System.nanoTime() - v0;
        }
        report("inclusion proof verification", verify);

        Ed25519NoteSigner key = Ed25519NoteSigner.of("sanwu.example/log/bench", Ed25519NoteSigner.generateKeyPair());
        CheckpointVerifier checkpoints = new CheckpointVerifier("sanwu.example/log/bench", hasher, List.of(key.verifier()));
        long[] sign = new long[1000];
        long[] check = new long[1000];
        for (int i = 0; i < sign.length; i++) {
            long s0 = System.nanoTime();
            String note = new Checkpoint("sanwu.example/log/bench", n, root, Instant.now()).sign(key);
            sign[i] = System.nanoTime() - s0;
            long c0 = System.nanoTime();
            if (!checkpoints.verify(note).isValid()) {
                throw new IllegalStateException("checkpoint did not verify");
            }
            check[i] = System.nanoTime() - c0;
        }
        report("checkpoint signing (Ed25519)", sign);
        report("checkpoint verification (parse + Ed25519)", check);
    }

    private static void measure(String name, MerkleTree tree, CountingSource source, Random random, int n) {
        source.rows.set(0);
        source.calls.set(0);
        long c0 = System.nanoTime();
        tree.rootHash(n);
        System.out.printf("%s: first tree head (fills the cache) %.0f ms, %,d cached subtrees (~%.1f MB)%n", name,
                ms(System.nanoTime() - c0), tree.cachedSubtreeCount(), tree.cachedSubtreeCount() * 120 / 1e6);
        source.rows.set(0);
        source.calls.set(0);
        long[] inclusion = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long index = random.nextLong(n);
            long p0 = System.nanoTime();
            tree.inclusionProof(index, n);
            inclusion[i] = System.nanoTime() - p0;
        }
        report(name + ": inclusion proof generation", inclusion);
        System.out.printf("    leaf reads per proof: %.1f calls, %.1f rows%n", source.calls.get() / (double) PROOFS,
                source.rows.get() / (double) PROOFS);
        long[] consistency = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long newSize = 1 + random.nextLong(n);
            long oldSize = 1 + random.nextLong(newSize);
            long p0 = System.nanoTime();
            tree.consistencyProof(oldSize, newSize);
            consistency[i] = System.nanoTime() - p0;
        }
        report(name + ": consistency proof generation", consistency);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.1f µs, p95 %.1f µs, max %.1f µs%n", what, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.95)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
