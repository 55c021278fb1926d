package cn.sanwu.server.http;

import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.bundle.BundleService;
import io.javalin.http.Context;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/v1/bundles: a township PC uploads a village's bundle file (the raw bytes) and gets the
 * reply file back ({@code application/octet-stream}). The file speaks for its village device by its
 * signature; the caller is only the courier (a township reviewer only for the villages of the
 * township). A refused file answers 422 with the reason's name as
 * the code and a Chinese message.
 */
final class BundleController {

    private static final Logger LOG = LoggerFactory.getLogger(BundleController.class);
    static final String IMPORT_COUNT_HEADER = "X-Sanwu-Bundle-Imports";

    private final BundleService bundles;
    private final RegionService regions;
    private final long maxBodyBytes;

    BundleController(BundleService bundles, RegionService regions, long maxBodyBytes) {
        this.bundles = bundles;
        this.regions = regions;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Which villages' files this caller may carry: a device (the township PC) and an admin any, a
     * township reviewer those within the township.
     */
    private Predicate<String> carriable(Context ctx) {
        return AccessControl.callerIfAny(ctx).map(c -> c.user())
                .filter(user -> user.role() != Role.ADMIN)
                .<Predicate<String>>map(user -> village -> regions.isWithin(village, user.scopeCode()))
                .orElse(village -> true);
    }

    void handle(Context ctx) {
        byte[] file = LimitedBody.readBytes(ctx, maxBodyBytes);
        BundleService.Imported imported;
        try {
            imported = bundles.importRequest(file, carriable(ctx));
        } catch (BundleException e) {
            LOG.info("event=bundle-refused reason={} bytes={}", e.reason(), file.length);
            throw new ApiException(422, e.reason().name(), e.getMessage());
        }
        LOG.info("event=bundle-imported bundle={} device={} mutations={} changes={} imports={}", imported.request().bundleId(),
                imported.request().deviceId(), imported.response().results().size(), imported.response().changes().size(),
                imported.importCount());
        ctx.status(200).contentType("application/octet-stream").header(IMPORT_COUNT_HEADER,
                String.valueOf(imported.importCount())).result(imported.reply());
    }
}
