package cn.sanwu.model.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Deep copies of proof paths, so a proof handed out cannot be changed behind its holder's back. */
final class ProofPaths {

    private ProofPaths() {
    }

    static List<byte[]> copy(List<byte[]> path) {
        Objects.requireNonNull(path, "path");
        List<byte[]> copy = new ArrayList<>(path.size());
        for (byte[] hash : path) {
            copy.add(Objects.requireNonNull(hash, "proof element").clone());
        }
        return List.copyOf(copy);
    }
}
