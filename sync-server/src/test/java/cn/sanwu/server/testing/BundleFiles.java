package cn.sanwu.server.testing;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;

/** Village bundle files as a client writes them, for server tests. */
public final class BundleFiles {

    private BundleFiles() {
    }

    /** A request file of {@code d}, signed with its key. */
    public static byte[] requestFile(TestServer.KeyedDevice d, SyncProtocol.Request request) {
        return requestFile(d.deviceId(), d.villageCode(), d.keys(), request, null);
    }

    /** A request file naming {@code deviceId} and {@code villageCode}, signed with {@code keys}. */
    public static byte[] requestFile(UUID deviceId, String villageCode, KeyPair keys, SyncProtocol.Request request,
            BundleHeader.Enrollment enrollment) {
        BundleHeader header = BundleHeader.request(SyncProtocol.VERSION, UUID.randomUUID(), deviceId, villageCode,
                Instant.now(), BundleKeys.keyId(keys.getPublic()), enrollment);
        return BundleFile.write(BundleFile.Kind.REQUEST, header, request, keys.getPrivate());
    }
}
